import type { Raster } from './raster';

/** Bins per RGB channel: 4×4×4 = 64 joint bins, the seed's 64-dim colour histogram. */
export const COLOR_BINS_PER_CHANNEL = 4;

/** Joint RGB histogram, normalised to sum to 1; index = r·16 + g·4 + b (each 0..3). */
export function colorHistogram(raster: Raster): number[] {
  const n = COLOR_BINS_PER_CHANNEL;
  const hist = new Float64Array(n * n * n);
  const { data, channels } = raster;
  const pixels = raster.width * raster.height;
  for (let p = 0; p < pixels * channels; p += channels) {
    const r = data[p]!;
    const g = channels === 1 ? data[p]! : data[p + 1]!;
    const b = channels === 1 ? data[p]! : data[p + 2]!;
    hist[(r >> 6) * n * n + (g >> 6) * n + (b >> 6)]! += 1;
  }
  return [...hist].map((count) => count / pixels);
}

/**
 * Per-channel mean and spread plus saturation (HSV S = (max − min) / max): washed-out or
 * oversaturated renders look artificial, and a histogram of 64 bins is too coarse to say so.
 */
export function colorMoments(raster: Raster): number[] {
  const { data, channels } = raster;
  const pixels = raster.width * raster.height;
  const sum = [0, 0, 0];
  const sq = [0, 0, 0];
  let satSum = 0;
  let satSq = 0;
  for (let p = 0; p < pixels * channels; p += channels) {
    const rgb = channels === 1 ? [data[p]!, data[p]!, data[p]!] : [data[p]!, data[p + 1]!, data[p + 2]!];
    for (let c = 0; c < 3; c++) {
      const v = rgb[c]! / 255;
      sum[c]! += v;
      sq[c]! += v * v;
    }
    const max = Math.max(rgb[0]!, rgb[1]!, rgb[2]!);
    const min = Math.min(rgb[0]!, rgb[1]!, rgb[2]!);
    const s = max === 0 ? 0 : (max - min) / max;
    satSum += s;
    satSq += s * s;
  }
  const stats: number[] = [];
  for (let c = 0; c < 3; c++) stats.push(sum[c]! / pixels);
  for (let c = 0; c < 3; c++) stats.push(Math.sqrt(Math.max(0, sq[c]! / pixels - (sum[c]! / pixels) ** 2)));
  const satMean = satSum / pixels;
  stats.push(satMean, Math.sqrt(Math.max(0, satSq / pixels - satMean ** 2)));
  return stats;
}
