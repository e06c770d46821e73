import { constants } from 'node:fs';
import { access, copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { ExportError, writeFailure } from './errors';
import type { ExportOption } from './types';

/** Same settings as the image store's own JPEG: visually lossless, full-resolution colour. */
const JPEG_QUALITY = 92;

/** The clear error for an image that cannot be read: what failed, and what to do. */
export function unreadable(option: ExportOption, error: unknown): ExportError {
  return new ExportError(
    'image_unreadable',
    `The image ${option.image_sha256} of option ${option.option_id} cannot be read (${(error as Error).message}). ` +
      'Check the file permissions in the data folder\'s images folder, or leave that pair out with a filter, then export again.',
  );
}

export async function readImage(option: ExportOption): Promise<Buffer> {
  try {
    return await readFile(option.image_file);
  } catch (error) {
    throw unreadable(option, error);
  }
}

/**
 * JPEG bytes for Pick-a-Pic's `jpg_*` columns, whose readers expect JPEG: a stored JPEG goes in as
 * it is (its sha256 is its image uid), a PNG or WebP is re-encoded once.
 */
export async function jpegBytes(option: ExportOption): Promise<Uint8Array> {
  const bytes = await readImage(option);
  if (option.image_mime === 'image/jpeg') return bytes;
  try {
    return await sharp(bytes).jpeg({ quality: JPEG_QUALITY, chromaSubsampling: '4:4:4' }).toBuffer();
  } catch (error) {
    throw unreadable(option, error);
  }
}

export const extensionOf = (mime: ExportOption['image_mime']) => ({ 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' })[mime];

/** The image's path inside a dataset: named by its sha256, so one picture rated twice is one file. */
export const datasetImageName = (option: ExportOption) => `images/${option.image_sha256}.${extensionOf(option.image_mime)}`;

/** Copies the image into `dir` under its dataset name unless a copy is already there. */
export async function copyImage(option: ExportOption, dir: string, out: string): Promise<string> {
  const name = datasetImageName(option);
  const target = path.join(dir, name);
  try {
    await copyFile(option.image_file, target, constants.COPYFILE_EXCL);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return name;
    const sourceReadable = await access(option.image_file, constants.R_OK).then(() => true, () => false);
    throw sourceReadable ? writeFailure(error, out) : unreadable(option, error);
  }
  return name;
}
