import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { ApiError } from '../../api';

export interface Size {
  width: number;
  height: number;
}

/**
 * The request size for a source render: its aspect kept, the long side at most `maxSide`, both sides
 * multiples of `multiple` (diffusion models work in 8-pixel latent cells) and at least `multiple`.
 */
export function fitSize(source: Size, maxSide: number, multiple = 8): Size {
  const scale = Math.min(1, maxSide / Math.max(source.width, source.height));
  const snap = (v: number) => Math.max(multiple, Math.floor((v * scale) / multiple) * multiple);
  return { width: snap(source.width), height: snap(source.height) };
}

/** The source as it is sent: cropped to the request's aspect and resized, so it is not deformed. */
export async function prepareSource(sourcePath: string, maxSide: number, format: 'png' | 'jpeg' = 'png'): Promise<{ bytes: Buffer; size: Size; sha256: string }> {
  let size: Size;
  let bytes: Buffer;
  try {
    const meta = await sharp(sourcePath).metadata();
    size = fitSize({ width: meta.width, height: meta.height }, maxSide);
    const pipeline = sharp(sourcePath).resize(size.width, size.height, { fit: 'cover' });
    bytes = await (format === 'png' ? pipeline.png() : pipeline.jpeg({ quality: 92 })).toBuffer();
  } catch (error) {
    throw new ApiError('generation_failed', `The source render could not be read (${(error as Error).message}). Add the image again, or choose another render.`);
  }
  return { bytes, size, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** How a stored request refers to image data it sent: by hash, not by the bytes. */
export function imagePlaceholder(bytes: Buffer, mime: string): string {
  return `<${mime} ${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}>`;
}
