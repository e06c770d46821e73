import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { ApiError, MAX_UPLOAD_BYTES } from '../api';
import { normaliseImage } from './normalise';
import { findImageFile, imageFilePath, removeStrayTemporaryFiles, writeFileAtomic } from './store';
import { ensureThumbnail } from './thumbnails';
import type { ImageLimits, ImageStoreOptions, StoredImage } from './types';
import { checkUpload } from './validate';

export { describeForeignBytes, sniffImageType } from './sniff';
export { checkUpload, type HeaderFacts } from './validate';
export { imageFilePath, writeFileAtomic } from './store';
export { compareThumbprints, imageDistance, thumbprint, type ImageDistance, type Thumbprint } from './distance';
export { breakImage, DEFECTS, type Defect } from './defects';
export type { ImageLimits, ImageStoreOptions, StoredImage } from './types';

/** 40 MP covers an 8K render (33 MP) with room to spare and decodes in well under a gigabyte. */
const DEFAULT_MAX_PIXELS = 40_000_000;

/** The limits an upload is checked against, for bytes that come from elsewhere (a provider's output). */
export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxBytes: MAX_UPLOAD_BYTES, maxPixels: DEFAULT_MAX_PIXELS };

export type ImageStore = ReturnType<typeof createImageStore>;

/**
 * The content-addressed image store: every source render and generated option lives under the
 * sha256 of its normalised bytes, so the same picture is stored once, names never collide, and the
 * sync can ship images by hash.
 */
export function createImageStore(opts: ImageStoreOptions) {
  const root = path.resolve(opts.dataDir);
  const imagesDir = path.join(root, 'images');
  const thumbsDir = path.join(root, 'thumbs');
  // A write killed between its temporary file and the rename leaves only the temporary file.
  removeStrayTemporaryFiles(imagesDir);
  removeStrayTemporaryFiles(thumbsDir);
  const limits: ImageLimits = {
    maxBytes: opts.maxBytes ?? MAX_UPLOAD_BYTES,
    maxPixels: opts.maxPixels ?? DEFAULT_MAX_PIXELS,
  };

  async function ingest(bytes: Buffer | Uint8Array): Promise<StoredImage> {
    const facts = await checkUpload(bytes, limits);
    const image = await normaliseImage(bytes, facts, limits);
    const sha256 = createHash('sha256').update(image.data).digest('hex');
    const file = imageFilePath(imagesDir, sha256, image.mime);
    if (findImageFile(imagesDir, sha256) === null) {
      await writeFileAtomic(file, image.data);
    }
    return { sha256, mime: image.mime, width: image.width, height: image.height, bytes: image.data.length };
  }

  function pathOf(sha256: string): string | null {
    return findImageFile(imagesDir, sha256)?.file ?? null;
  }

  function mimeOf(sha256: string): StoredImage['mime'] | null {
    return findImageFile(imagesDir, sha256)?.mime ?? null;
  }

  async function thumbnailPath(sha256: string): Promise<string> {
    const found = findImageFile(imagesDir, sha256);
    if (found === null) {
      throw new ApiError('not_found', `No stored image has the hash ${sha256}. Add the image again, or sync to fetch it.`);
    }
    return ensureThumbnail(thumbsDir, sha256, found.file);
  }

  async function describe(sha256: string): Promise<StoredImage | null> {
    const found = findImageFile(imagesDir, sha256);
    if (found === null) return null;
    const [meta, info] = await Promise.all([sharp(found.file).metadata(), stat(found.file)]);
    return { sha256, mime: found.mime, width: meta.width, height: meta.height, bytes: info.size };
  }

  /** The checks an upload gets (type, bytes, pixel limit), for bytes stored as they are (pulled images). */
  const check = (bytes: Buffer | Uint8Array) => checkUpload(bytes, limits);

  return { ingest, check, pathOf, thumbnailPath, mimeOf, describe };
}
