import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { writeFileAtomic } from './store';

/** Long edge of a thumbnail: sharp on the history page's grid at 2× density, small on disk. */
export const THUMBNAIL_EDGE = 320;

export const thumbnailFilePath = (thumbsDir: string, sha256: string): string => path.join(thumbsDir, `${sha256}.webp`);

/**
 * Makes the thumbnail of a stored image on first request and reuses it afterwards. Thumbnails are
 * derived data, so they live apart from the originals and may be deleted at any time.
 */
export async function ensureThumbnail(thumbsDir: string, sha256: string, sourceFile: string): Promise<string> {
  const file = thumbnailFilePath(thumbsDir, sha256);
  if (existsSync(file)) return file;
  const data = await sharp(sourceFile)
    .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
  await writeFileAtomic(file, data);
  return file;
}
