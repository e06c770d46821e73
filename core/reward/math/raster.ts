/** Decoded pixels as the feature extractors take them: 8-bit, row-major, interleaved channels. */
export interface Raster {
  width: number;
  height: number;
  /** 1 (grey), 3 (RGB) or 4 (RGBA; alpha is ignored). */
  channels: 1 | 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
}

/** A single-channel float image, values in [0, 1] unless a filter says otherwise. */
export interface Plane {
  width: number;
  height: number;
  data: Float64Array;
}

export function checkRaster(raster: Raster): void {
  const { width, height, channels, data } = raster;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 8 || height < 8) {
    throw new Error(`image of ${width}×${height} pixels is too small for features: at least 8×8 is needed`);
  }
  if (data.length !== width * height * channels) {
    throw new Error(`image buffer holds ${data.length} bytes, expected ${width}×${height}×${channels}`);
  }
}

/** Rec. 709 luma weights on the 8-bit values, scaled to [0, 1]. */
export function luminance(raster: Raster): Plane {
  const { width, height, channels, data } = raster;
  const out = new Float64Array(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += channels) {
    out[i] = channels === 1 ? data[p]! / 255 : (0.2126 * data[p]! + 0.7152 * data[p + 1]! + 0.0722 * data[p + 2]!) / 255;
  }
  return { width, height, data: out };
}

/** Halves a plane with a 2×2 box filter (one level of an image pyramid). */
export function halve(plane: Plane): Plane {
  const width = Math.max(1, plane.width >> 1);
  const height = Math.max(1, plane.height >> 1);
  const out = new Float64Array(width * height);
  const src = plane.data;
  const w = plane.width;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 2 * y * w + 2 * x;
      out[y * width + x] = (src[i]! + src[i + 1]! + src[i + w]! + src[i + w + 1]!) / 4;
    }
  }
  return { width, height, data: out };
}

/** Sorted copy of the values, for percentiles. */
export function percentile(sorted: Float64Array, p: number): number {
  const at = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
  return sorted[at]!;
}

export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(sq / values.length) };
}

/** Mean of a plane over a grid×grid layout of cells, row by row (top-left first). */
export function gridMeans(plane: Plane, grid: number, values: Float64Array = plane.data): number[] {
  const sums = new Float64Array(grid * grid);
  const counts = new Float64Array(grid * grid);
  for (let y = 0; y < plane.height; y++) {
    const gy = Math.min(grid - 1, Math.floor((y * grid) / plane.height));
    for (let x = 0; x < plane.width; x++) {
      const cell = gy * grid + Math.min(grid - 1, Math.floor((x * grid) / plane.width));
      sums[cell]! += values[y * plane.width + x]!;
      counts[cell]! += 1;
    }
  }
  return [...sums].map((s, i) => s / counts[i]!);
}
