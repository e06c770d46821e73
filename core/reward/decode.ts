import sharp, { type Sharp } from 'sharp';
import { FEATURE_LONG_SIDE } from './math/features';
import type { Raster } from './math/raster';

/** Thrown for an image file that cannot be read or decoded; the caller skips that image. */
export class UndecodableImageError extends Error {
  override name = 'UndecodableImageError';
}

async function raw(pipeline: Sharp, label: string) {
  try {
    return await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new UndecodableImageError(`${label} cannot be decoded (${(error as Error).message}); it is left out of the reward model.`);
  }
}

/** The downscaled RGB copy the classical features are computed on (long side 256 px). */
export async function decodeForFeatures(input: string | Buffer, label = 'image'): Promise<Raster> {
  const { data, info } = await raw(
    sharp(input, { failOn: 'error' }).resize(FEATURE_LONG_SIDE, FEATURE_LONG_SIDE, { fit: 'inside', kernel: 'lanczos3' }),
    label,
  );
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/**
 * CLIP's geometry: shortest side to `size` (bicubic) and the centre `size`×`size` crop, which is
 * what sharp's `cover` fit does in one step. Returns interleaved RGB.
 */
export async function decodeForClip(input: string | Buffer, size: number, label = 'image'): Promise<Uint8Array> {
  const { data } = await raw(sharp(input, { failOn: 'error' }).resize(size, size, { fit: 'cover', position: 'centre', kernel: 'cubic' }), label);
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}
