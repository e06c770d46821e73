import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { imageFilePath, writeFileAtomic } from '../images';
import type { LocalImage } from '../store';
import { SyncError } from './errors';
import { imageKey } from './push-s3';
import type { S3Link } from './s3';

// The bytes fetched here were normalised by the workstation that made them, so they are stored as
// they are (running them through `ingest` again would re-encode a JPEG and change its hash), at the
// place and with the atomic write core/images uses. A test checks that the image store finds them.

/** What the sync needs of the image store: where a file is, and the checks an upload gets. */
export interface SyncImages {
  pathOf(sha256: string): string | null;
  check(bytes: Uint8Array): Promise<{ mime: string }>;
}

/**
 * Downloads one image by hash, checks the bytes hash to the name and pass the checks an upload
 * passes (type, size, pixel limit: another workstation, or the bucket, may not have applied ours),
 * and stores it.
 */
export async function downloadImage(s3: S3Link, dataDir: string, image: LocalImage, images: SyncImages): Promise<string> {
  const bytes = await s3.get(imageKey(image.sha256, image.mime));
  if (bytes === null) {
    throw new SyncError(
      'fatal',
      `Image ${image.sha256.slice(0, 12)}… is not in the bucket ${s3.where.bucket}.`,
      'The workstation that made it has not uploaded it yet; try again after it synced.',
    );
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== image.sha256) {
    throw new SyncError(
      'fatal',
      `The bucket's copy of image ${image.sha256.slice(0, 12)}… is damaged (its bytes hash to ${actual.slice(0, 12)}…).`,
      'Send this message to your admin; the file was not stored.',
    );
  }
  const facts = await images.check(bytes).catch((error: unknown) => {
    throw new SyncError(
      'fatal',
      `Image ${image.sha256.slice(0, 12)}… from the bucket was refused: ${(error as Error).message}`,
      'Send this message to your admin; the file was not stored.',
    );
  });
  if (facts.mime !== image.mime) {
    throw new SyncError(
      'fatal',
      `Image ${image.sha256.slice(0, 12)}… from the bucket is a ${facts.mime} file, not the ${image.mime} its record says.`,
      'Send this message to your admin; the file was not stored.',
    );
  }
  const file = imageFilePath(join(dataDir, 'images'), image.sha256, image.mime);
  await writeFileAtomic(file, bytes);
  return file;
}
