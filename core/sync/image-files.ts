import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { LocalImage } from '../store';
import { SyncError } from './errors';
import { EXTENSIONS, imageKey } from './push-s3';
import type { S3Link } from './s3';

/**
 * Where core/images keeps a file: `<dataDir>/images/<sha[0..2]>/<sha>.<ext>`. The bytes fetched
 * here were normalised by the workstation that made them, so they are stored as they are (running
 * them through `ingest` again would re-encode a JPEG and change its hash). A test checks that the
 * image store finds files written here.
 */
export function imageFileFor(dataDir: string, sha256: string, mime: LocalImage['mime']): string {
  return join(dataDir, 'images', sha256.slice(0, 2), `${sha256}.${EXTENSIONS[mime]}`);
}

async function writeFileDurably(file: string, data: Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Downloads one image by hash, checks the bytes hash to the name, and stores it. */
export async function downloadImage(s3: S3Link, dataDir: string, image: LocalImage): Promise<string> {
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
  const file = imageFileFor(dataDir, image.sha256, image.mime);
  await writeFileDurably(file, bytes);
  return file;
}
