import sharp from 'sharp';

/**
 * How far apart two pictures look, in 8-bit levels (0 = the same picture), from decoded and
 * downscaled pixels, so that encoding, metadata and pixel noise count for little:
 *  - colour: mean absolute difference of R, G and B on a COLOUR_EDGE² thumbnail (tone, white
 *    balance, saturation, light: what a viewer sees at a glance);
 *  - detail: mean absolute difference of the luminance gradients on a DETAIL_EDGE² thumbnail,
 *    per block of the colour grid, taken at the DETAIL_QUANTILE block (sharpening, blur, halos,
 *    texture, warped structure: what the colour thumbnail averages away, even in part of the room).
 * `distance` is the larger of the two: a pair differs as much as its most visible difference.
 * Both thumbnails ignore the aspect ratio (fit: fill), so outputs of different sizes still compare.
 */
export const DETAIL_EDGE = 256;
export const COLOUR_EDGE = 32;
const BLOCK = DETAIL_EDGE / COLOUR_EDGE;
/** The detail term is this quantile of the blocks' differences: a tenth of the picture changing is enough. */
const DETAIL_QUANTILE = 0.9;

export interface Thumbprint {
  /** COLOUR_EDGE² RGB block means, 0..255. */
  colour: Float32Array;
  /** DETAIL_EDGE² luminance, 0..255. */
  luminance: Float32Array;
}

export interface ImageDistance {
  colour: number;
  detail: number;
  distance: number;
}

/** Decodes an image (file path or bytes) into the thumbnails `compareThumbprints` reads. */
export async function thumbprint(input: string | Buffer): Promise<Thumbprint> {
  const { data } = await sharp(input)
    .removeAlpha()
    .toColourspace('srgb')
    .resize(DETAIL_EDGE, DETAIL_EDGE, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const luminance = new Float32Array(DETAIL_EDGE * DETAIL_EDGE);
  const colour = new Float32Array(COLOUR_EDGE * COLOUR_EDGE * 3);
  const perBlock = 1 / (BLOCK * BLOCK);
  for (let y = 0; y < DETAIL_EDGE; y++) {
    const row = ((y / BLOCK) | 0) * COLOUR_EDGE;
    for (let x = 0; x < DETAIL_EDGE; x++) {
      const i = (y * DETAIL_EDGE + x) * 3;
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      // Rec. 601 luma weights, as JPEG's own luminance channel.
      luminance[y * DETAIL_EDGE + x] = 0.299 * r + 0.587 * g + 0.114 * b;
      const c = (row + ((x / BLOCK) | 0)) * 3;
      colour[c] = colour[c]! + r * perBlock;
      colour[c + 1] = colour[c + 1]! + g * perBlock;
      colour[c + 2] = colour[c + 2]! + b * perBlock;
    }
  }
  return { colour, luminance };
}

export function compareThumbprints(a: Thumbprint, b: Thumbprint): ImageDistance {
  let colourSum = 0;
  for (let i = 0; i < a.colour.length; i++) colourSum += Math.abs(a.colour[i]! - b.colour[i]!);
  const colour = colourSum / a.colour.length;
  // Per block of the colour grid: a change confined to part of the room (a blurred corner, a
  // halo round the window) must not vanish in the mean over the flat walls around it.
  const n = DETAIL_EDGE;
  const blocks = new Float32Array(COLOUR_EDGE * COLOUR_EDGE);
  const la = a.luminance;
  const lb = b.luminance;
  for (let y = 0; y < n - 1; y++) {
    const row = ((y / BLOCK) | 0) * COLOUR_EDGE;
    for (let x = 0; x < n - 1; x++) {
      const i = y * n + x;
      const dx = la[i + 1]! - la[i]! - (lb[i + 1]! - lb[i]!);
      const dy = la[i + n]! - la[i]! - (lb[i + n]! - lb[i]!);
      const k = row + ((x / BLOCK) | 0);
      blocks[k] = blocks[k]! + (Math.abs(dx) + Math.abs(dy)) / 2;
    }
  }
  const sorted = blocks.map((sum) => sum / (BLOCK * BLOCK)).sort();
  const detail = sorted[Math.floor(DETAIL_QUANTILE * (sorted.length - 1))]!;
  return { colour, detail, distance: Math.max(colour, detail) };
}

/** The distance between two images (paths or bytes). */
export async function imageDistance(a: string | Buffer, b: string | Buffer): Promise<ImageDistance> {
  const [ta, tb] = await Promise.all([thumbprint(a), thumbprint(b)]);
  return compareThumbprints(ta, tb);
}
