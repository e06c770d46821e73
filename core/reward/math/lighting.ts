import { gridMeans, meanStd, percentile, type Plane } from './raster';

export const LUMINANCE_BINS = 32;
export const LIGHTING_GRID = 4;
/** 8-bit levels at or above 250 count as blown highlights, at or below 5 as crushed shadows. */
export const CLIP_HIGH = 250 / 255;
export const CLIP_LOW = 5 / 255;

/**
 * 58 numbers: a 32-bin luminance histogram (sums to 1), the mean luminance of a 4×4 grid (where
 * the light falls: windows, lamps), the 1st/5th/50th/95th/99th percentiles, the dynamic range
 * (99th − 1st percentile), mean and standard deviation, and the shares of clipped highlights and
 * crushed shadows. Photorealistic interiors keep detail in both ends; fake ones blow them out.
 */
export function lightingFeatures(plane: Plane): number[] {
  const values = plane.data;
  const hist = new Float64Array(LUMINANCE_BINS);
  let high = 0;
  let low = 0;
  for (const v of values) {
    hist[Math.min(LUMINANCE_BINS - 1, Math.floor(v * LUMINANCE_BINS))]! += 1;
    if (v >= CLIP_HIGH) high++;
    if (v <= CLIP_LOW) low++;
  }
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const p = [0.01, 0.05, 0.5, 0.95, 0.99].map((q) => percentile(sorted, q));
  const { mean, std } = meanStd(values);
  return [
    ...[...hist].map((count) => count / n),
    ...gridMeans(plane, LIGHTING_GRID),
    ...p,
    p[4]! - p[0]!,
    mean,
    std,
    high / n,
    low / n,
  ];
}
