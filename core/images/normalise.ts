import sharp from 'sharp';
import { damaged, type HeaderFacts } from './validate';
import type { ImageLimits, StoredImage } from './types';

export interface NormalisedImage {
  data: Buffer;
  mime: StoredImage['mime'];
  width: number;
  height: number;
}

/** JPEG at 92 keeps renders visually lossless while staying a fraction of the PNG size. */
const JPEG_QUALITY = 92;

/**
 * Decodes the whole image (so a file cut short is refused, not stored half grey), turns it upright
 * from its EXIF orientation, and re-encodes it without metadata: camera EXIF can carry GPS
 * positions of a client's home, and nothing downstream needs it. PNG and anything with an alpha
 * channel stay lossless PNG; everything else becomes JPEG so the store holds two formats, not three.
 */
export async function normaliseImage(bytes: Uint8Array, facts: HeaderFacts, limits: ImageLimits): Promise<NormalisedImage> {
  const keepPng = facts.mime === 'image/png' || facts.hasAlpha;
  const pipeline = sharp(bytes, { failOn: 'truncated', limitInputPixels: limits.maxPixels }).rotate();
  const encoded = keepPng
    ? pipeline.png()
    : // Full-resolution colour: raters judge colour fringes at edges, which 4:2:0 would blur.
      pipeline.jpeg({ quality: JPEG_QUALITY, chromaSubsampling: '4:4:4' });
  try {
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { data, mime: keepPng ? 'image/png' : 'image/jpeg', width: info.width, height: info.height };
  } catch (error) {
    throw damaged(facts.mime, error);
  }
}
