import { halve, meanStd, type Plane } from './raster';

/** Orientations of the bank: 0°, 22.5°, … 157.5° (the direction across the stripes). */
export const GABOR_ORIENTATIONS = 8;
/** Pyramid levels of the 128-px copy the bank runs on: 128, 64 and 32 px wide. */
export const GABOR_SCALES = 3;
/** Cycles per pixel at each level: 0.25 on 128 px is a 4-px period, 0.125 and 0.0625 of the finest level. */
export const GABOR_FREQUENCY = 0.25;
// One-octave bandwidth: σ = 0.56 / f (Daugman 1985's relation between σ and bandwidth). Running
// the same small kernel on a pyramid instead of growing it keeps the cost to one 15×15 kernel.
const SIGMA = 0.56 / GABOR_FREQUENCY;
const RADIUS = Math.ceil(3 * SIGMA);

export interface GaborKernel {
  size: number;
  real: Float64Array;
  imag: Float64Array;
}

export function gaborKernel(theta: number, frequency = GABOR_FREQUENCY, sigma = SIGMA, radius = RADIUS): GaborKernel {
  const size = 2 * radius + 1;
  const real = new Float64Array(size * size);
  const imag = new Float64Array(size * size);
  let envelopeSum = 0;
  let realSum = 0;
  for (let y = -radius; y <= radius; y++) {
    for (let x = -radius; x <= radius; x++) {
      const along = x * Math.cos(theta) + y * Math.sin(theta);
      const envelope = Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
      const i = (y + radius) * size + (x + radius);
      real[i] = envelope * Math.cos(2 * Math.PI * frequency * along);
      imag[i] = envelope * Math.sin(2 * Math.PI * frequency * along);
      envelopeSum += envelope;
      realSum += real[i]!;
    }
  }
  // Remove the real part's DC response, so a flat field gives zero energy whatever its brightness.
  for (let y = -radius; y <= radius; y++) {
    for (let x = -radius; x <= radius; x++) {
      const i = (y + radius) * size + (x + radius);
      real[i]! -= (realSum / envelopeSum) * Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
    }
  }
  return { size, real, imag };
}

/** |response| of the complex kernel at every pixel, border pixels repeated. */
export function gaborEnergy(plane: Plane, kernel: GaborKernel): Float64Array {
  const { width, height, data } = plane;
  const r = (kernel.size - 1) / 2;
  const pw = width + 2 * r;
  const padded = new Float64Array(pw * (height + 2 * r));
  for (let y = 0; y < height + 2 * r; y++) {
    const sy = Math.min(height - 1, Math.max(0, y - r));
    for (let x = 0; x < pw; x++) padded[y * pw + x] = data[sy * width + Math.min(width - 1, Math.max(0, x - r))]!;
  }
  const out = new Float64Array(width * height);
  const { real, imag, size } = kernel;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let re = 0;
      let im = 0;
      for (let ky = 0; ky < size; ky++) {
        const row = (y + ky) * pw + x;
        const krow = ky * size;
        for (let kx = 0; kx < size; kx++) {
          const v = padded[row + kx]!;
          re += v * real[krow + kx]!;
          im += v * imag[krow + kx]!;
        }
      }
      out[y * width + x] = Math.hypot(re, im);
    }
  }
  return out;
}

const bank = Array.from({ length: GABOR_ORIENTATIONS }, (_, o) => gaborKernel((o * Math.PI) / GABOR_ORIENTATIONS));

/**
 * 48 numbers: for each scale (fine to coarse) and orientation, the mean energy, then for each the
 * standard deviation of the energy (texture that is uniform vs patchy). Real materials (wood grain,
 * fabric, plaster) carry texture at several scales; over-smoothed renders lose the fine ones.
 */
export function gaborFeatures(plane128: Plane): number[] {
  const means: number[] = [];
  const stds: number[] = [];
  let level = plane128;
  for (let s = 0; s < GABOR_SCALES; s++) {
    for (const kernel of bank) {
      const { mean, std } = meanStd(gaborEnergy(level, kernel));
      means.push(mean);
      stds.push(std);
    }
    level = halve(level);
  }
  return [...means, ...stds];
}
