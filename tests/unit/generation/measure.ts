import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { renderSample } from '../../../scripts/make-samples';

/** Decoded 8-bit RGB pixels. */
export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
}

export async function decode(bytes: Buffer | string): Promise<Pixels> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** A sample render written to a temporary folder, as the image store would hand it to a provider. */
export async function sampleSource(id = 'living-room'): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'latina-generation-'));
  const file = path.join(dir, `${id}.png`);
  await writeFile(file, await renderSample(id));
  return { file, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Mean absolute difference per channel, in 8-bit levels. */
export function meanAbsDiff(a: Pixels, b: Pixels): number {
  if (a.data.length !== b.data.length) throw new Error(`sizes differ: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 1) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

/**
 * What JPEG at quality 90 alone changes in an image: re-encode it and compare. A parameter whose
 * effect is not clearly above this floor is not "visible" in the provider's output.
 */
export async function jpegNoiseFloor(bytes: Buffer): Promise<number> {
  const reencoded = await sharp(bytes).jpeg({ quality: 90 }).toBuffer();
  return meanAbsDiff(await decode(bytes), await decode(reencoded));
}

function sobel(p: Pixels): Float64Array {
  const { width: w, height: h, data } = p;
  const luma = new Float64Array(w * h);
  for (let i = 0; i < luma.length; i += 1) luma[i] = 0.2126 * data[i * 3]! + 0.7152 * data[i * 3 + 1]! + 0.0722 * data[i * 3 + 2]!;
  const out = new Float64Array(w * h);
  for (let y = 1; y < h - 1; y += 1) {
    for (let x = 1; x < w - 1; x += 1) {
      const i = y * w + x;
      const gx = luma[i - w + 1]! + 2 * luma[i + 1]! + luma[i + w + 1]! - luma[i - w - 1]! - 2 * luma[i - 1]! - luma[i + w - 1]!;
      const gy = luma[i + w - 1]! + 2 * luma[i + w]! + luma[i + w + 1]! - luma[i - w - 1]! - 2 * luma[i - w]! - luma[i - w + 1]!;
      out[i] = Math.sqrt(gx * gx + gy * gy);
    }
  }
  return out;
}

/**
 * Pearson correlation of the Sobel edge maps: 1 when every edge of the source is still where it
 * was; it falls when structure moves (warp), doubles (ghosting) or smears.
 */
export function edgeCorrelation(a: Pixels, b: Pixels): number {
  const ea = sobel(a);
  const eb = sobel(b);
  const n = ea.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i += 1) {
    ma += ea[i]!;
    mb += eb[i]!;
  }
  ma /= n;
  mb /= n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i += 1) {
    const da = ea[i]! - ma;
    const db = eb[i]! - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return cov / Math.sqrt(va * vb);
}

/**
 * Share of pixels that are clipped (a channel at 0 or 255) or garishly saturated (HSV saturation
 * above 0.85 at a visible brightness): the "fried" look of too much guidance.
 */
export function clippedShare(p: Pixels): number {
  let count = 0;
  const n = p.width * p.height;
  for (let i = 0; i < n; i += 1) {
    const r = p.data[i * 3]!;
    const g = p.data[i * 3 + 1]!;
    const b = p.data[i * 3 + 2]!;
    const max = Math.max(r, g, b);
    const min = Math.min(r, g, b);
    const clipped = max === 255 || min === 0;
    const garish = max > 50 && (max - min) / max > 0.85;
    if (clipped || garish) count += 1;
  }
  return count / n;
}

/**
 * Standard deviation of luminance inside a rectangle, after subtracting its 3×3 local mean:
 * the fine noise (grain, speckle) on what should be a smooth surface.
 */
export function highPassNoise(p: Pixels, x0: number, y0: number, x1: number, y1: number): number {
  const lum = (x: number, y: number) => {
    const i = (y * p.width + x) * 3;
    return 0.2126 * p.data[i]! + 0.7152 * p.data[i + 1]! + 0.0722 * p.data[i + 2]!;
  };
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = y0 + 1; y < y1 - 1; y += 1) {
    for (let x = x0 + 1; x < x1 - 1; x += 1) {
      let local = 0;
      for (let dy = -1; dy <= 1; dy += 1) for (let dx = -1; dx <= 1; dx += 1) local += lum(x + dx, y + dy);
      const v = lum(x, y) - local / 9;
      sum += v;
      sumSq += v * v;
      n += 1;
    }
  }
  return Math.sqrt(sumSq / n - (sum / n) ** 2);
}

/**
 * Difference of the overall look: both images averaged down to 128 px wide first, so patterns
 * that only differ in where each speck lies (grain, texture) cancel and tone, light and colour stay.
 */
export async function lookDiff(a: Buffer, b: Buffer): Promise<number> {
  const small = (bytes: Buffer) => sharp(bytes).resize(128, null, { kernel: 'linear' }).toBuffer();
  return meanAbsDiff(await decode(await small(a)), await decode(await small(b)));
}
