import sharp from 'sharp';
import { ApiError } from '../api';
import { describeForeignBytes, sniffImageType } from './sniff';
import type { ImageLimits, StoredImage } from './types';

/** What the header says, read before a single pixel is decoded. */
export interface HeaderFacts {
  mime: StoredImage['mime'];
  width: number;
  height: number;
  hasAlpha: boolean;
}

const MIME_NAMES: Record<StoredImage['mime'], string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
};

const MIB = 1024 * 1024;
const fileSize = (n: number): string =>
  n < MIB ? `${Math.ceil(n / 1024)} KB` : `${Number((n / MIB).toFixed(n < 10 * MIB ? 1 : 0))} MB`;
const megapixels = (n: number): string => `${Number((n / 1e6).toFixed(n < 1e7 ? 1 : 0))} MP`;

/**
 * Refuses what must never reach the decoder: empty files, non-images, files over the byte limit and
 * images whose header promises more pixels than the limit. The pixel check reads only the header,
 * so a small file that would expand to gigabytes (a decompression bomb) is refused without
 * allocating it.
 */
export async function checkUpload(bytes: Uint8Array, limits: ImageLimits): Promise<HeaderFacts> {
  if (bytes.length === 0) {
    throw new ApiError('invalid_image', 'The file is empty (0 bytes). Choose a JPEG, PNG or WebP render.');
  }
  if (bytes.length > limits.maxBytes) {
    throw new ApiError(
      'image_too_large',
      `The file is ${fileSize(bytes.length)}; the limit is ${fileSize(limits.maxBytes)}. ` +
        'Export it as a JPEG (quality 90 is plenty) or at a smaller size and try again.',
    );
  }
  const mime = sniffImageType(bytes);
  if (mime === null) {
    throw new ApiError(
      'invalid_image',
      `This file is not an image the workstation accepts (found ${describeForeignBytes(bytes)}). Choose a JPEG, PNG or WebP render.`,
    );
  }
  const meta = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch((error: unknown) => {
      throw damaged(mime, error);
    });
  const { width, height } = meta;
  if (!width || !height) {
    throw damaged(mime, new Error('the header gives no image size'));
  }
  const pixels = width * height;
  if (pixels > limits.maxPixels) {
    // Same aspect ratio, scaled down to the pixel limit, rounded down to a friendly figure.
    const fit = Math.sqrt(limits.maxPixels / pixels) * Math.max(width, height);
    const suggestion = fit >= 1000 ? Math.floor(fit / 100) * 100 : Math.floor(fit);
    throw new ApiError(
      'image_too_large',
      `The image is ${width}×${height} (${megapixels(pixels)}); the limit is ${megapixels(limits.maxPixels)}. ` +
        `Downscale it to at most ~${suggestion} px on the long edge and try again.`,
    );
  }
  return { mime, width, height, hasAlpha: meta.hasAlpha === true };
}

/**
 * The refusal for a file whose signature is right but whose data sharp cannot read. sharp's own
 * words ("Input buffer has corrupt header") mean nothing to the person who chose the file; they
 * stay on the error's cause for whoever reads the logs.
 */
export function damaged(mime: StoredImage['mime'], cause: unknown): ApiError {
  const error = new ApiError(
    'invalid_image',
    `The ${MIME_NAMES[mime]} file is damaged or incomplete, so it cannot be read. ` +
      'Export or download it again, then add the new file.',
  );
  error.cause = cause;
  return error;
}
