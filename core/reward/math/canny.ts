import { gridMeans, type Plane } from './raster';

/** Gaussian σ of the Canny pre-blur, in pixels of the 256-px feature copy (Canny 1986 uses 1–2). */
const BLUR_SIGMA = 1.4;
// Hysteresis thresholds on the Sobel magnitude of luminance in [0, 1]. Fixed, not relative to the
// image's own maximum, so a flat or noisy-but-flat render does not turn its faint noise into edges
// and edge densities compare across images. A sharp black-to-white step gives a magnitude near 4.
export const CANNY_HIGH = 0.3;
export const CANNY_LOW = 0.12;
export const EDGE_GRID = 4;
export const ORIENTATION_BINS = 8;

function gaussianKernel(sigma: number): Float64Array {
  const radius = Math.ceil(3 * sigma);
  const kernel = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  return kernel.map((v) => v / sum);
}

/** Separable Gaussian blur with edge pixels repeated at the border. */
export function gaussianBlur(plane: Plane, sigma = BLUR_SIGMA): Plane {
  const { width, height, data } = plane;
  const kernel = gaussianKernel(sigma);
  const radius = (kernel.length - 1) / 2;
  const tmp = new Float64Array(width * height);
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let k = -radius; k <= radius; k++) acc += kernel[k + radius]! * data[y * width + Math.min(width - 1, Math.max(0, x + k))]!;
      tmp[y * width + x] = acc;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let k = -radius; k <= radius; k++) acc += kernel[k + radius]! * tmp[Math.min(height - 1, Math.max(0, y + k)) * width + x]!;
      out[y * width + x] = acc;
    }
  }
  return { width, height, data: out };
}

export interface Gradients {
  magnitude: Float64Array;
  /** Direction of the gradient in radians, (−π, π]. */
  angle: Float64Array;
}

export function sobel(plane: Plane): Gradients {
  const { width, height, data } = plane;
  const at = (x: number, y: number) => data[Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))]!;
  const magnitude = new Float64Array(width * height);
  const angle = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1);
      const gy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x, y - 1) - at(x + 1, y - 1);
      magnitude[y * width + x] = Math.hypot(gx, gy);
      angle[y * width + x] = Math.atan2(gy, gx);
    }
  }
  return { magnitude, angle };
}

/** Keeps a pixel only where its magnitude is a maximum across the edge (along the gradient). */
export function nonMaximumSuppression(width: number, height: number, { magnitude, angle }: Gradients): Float64Array {
  const out = new Float64Array(width * height);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const m = magnitude[i]!;
      if (m === 0) continue;
      // Quantise the gradient direction to one of four neighbour axes (0°, 45°, 90°, 135°).
      let deg = (angle[i]! * 180) / Math.PI;
      if (deg < 0) deg += 180;
      let dx: number;
      let dy: number;
      if (deg < 22.5 || deg >= 157.5) [dx, dy] = [1, 0];
      else if (deg < 67.5) [dx, dy] = [1, 1];
      else if (deg < 112.5) [dx, dy] = [0, 1];
      else [dx, dy] = [-1, 1];
      if (m >= magnitude[i + dy * width + dx]! && m >= magnitude[i - dy * width - dx]!) out[i] = m;
    }
  }
  return out;
}

/** Strong pixels are edges; weak ones become edges when 8-connected to a strong one. */
export function hysteresis(width: number, height: number, thin: Float64Array, low = CANNY_LOW, high = CANNY_HIGH): Uint8Array {
  const edges = new Uint8Array(width * height);
  const stack: number[] = [];
  for (let i = 0; i < thin.length; i++) {
    if (thin[i]! >= high) {
      edges[i] = 1;
      stack.push(i);
    }
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    const x = i % width;
    const y = (i - x) / width;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const j = ny * width + nx;
        if (!edges[j] && thin[j]! >= low) {
          edges[j] = 1;
          stack.push(j);
        }
      }
    }
  }
  return edges;
}

export function canny(plane: Plane): { edges: Uint8Array; gradients: Gradients } {
  const gradients = sobel(gaussianBlur(plane));
  const thin = nonMaximumSuppression(plane.width, plane.height, gradients);
  return { edges: hysteresis(plane.width, plane.height, thin), gradients };
}

/**
 * 26 numbers: the share of edge pixels overall, per cell of a 4×4 grid, the mean gradient
 * magnitude, and how the edges' gradient directions spread over 8 bins centred on 0°, 22.5° … 157.5° (sums to 1; all zero when
 * there are no edges). Architectural renders have strong vertical/horizontal structure; a smeared
 * or over-sharpened render changes these.
 */
export function edgeFeatures(plane: Plane): number[] {
  const { edges, gradients } = canny(plane);
  let count = 0;
  const orientation = new Float64Array(ORIENTATION_BINS);
  for (let i = 0; i < edges.length; i++) {
    if (!edges[i]) continue;
    count++;
    // Direction modulo 180° (a gradient and its opposite are the same edge), in bins centred on
    // 0°, 22.5° …, so a near-horizontal gradient on either side of 0° lands in the same bin.
    const turns = gradients.angle[i]! / Math.PI;
    orientation[(((Math.round(turns * ORIENTATION_BINS) % ORIENTATION_BINS) + ORIENTATION_BINS) % ORIENTATION_BINS)]! += 1;
  }
  const edgeValues = Float64Array.from(edges);
  let magnitudeSum = 0;
  for (const m of gradients.magnitude) magnitudeSum += m;
  return [
    count / edges.length,
    ...gridMeans(plane, EDGE_GRID, edgeValues),
    magnitudeSum / edges.length,
    ...[...orientation].map((n) => (count ? n / count : 0)),
  ];
}
