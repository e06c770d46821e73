import { describe, expect, it } from 'vitest';
import { CLASSICAL_FEATURE_NAMES, classicalFeatures } from '../../../core/reward';
import { GABOR_ORIENTATIONS } from '../../../core/reward/math/gabor';
import { checkerboard, flat, raster, stripes } from './rasters';

const feature = (values: Float32Array, name: string) => {
  const i = CLASSICAL_FEATURE_NAMES.indexOf(name);
  if (i < 0) throw new Error(`no feature ${name}`);
  return values[i]!;
};
const group = (values: Float32Array, prefix: string) =>
  CLASSICAL_FEATURE_NAMES.flatMap((name, i) => (name.startsWith(prefix) ? [values[i]!] : []));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('classical features', () => {
  it('has about 200 named features, one value each, and gives the same vector twice', () => {
    expect(CLASSICAL_FEATURE_NAMES).toHaveLength(204);
    expect(new Set(CLASSICAL_FEATURE_NAMES).size).toBe(204);
    const image = checkerboard(16);
    expect(classicalFeatures(image)).toEqual(classicalFeatures(image));
  });

  it('colour histogram sums to one and puts a pure red image in the red bin', () => {
    const red = classicalFeatures(raster(() => [250, 10, 10]));
    expect(sum(group(red, 'color_hist_'))).toBeCloseTo(1, 6);
    expect(feature(red, 'color_hist_r3g0b0')).toBe(1);
    const mixed = classicalFeatures(raster((x) => (x < 128 ? [0, 0, 255] : [255, 255, 255])));
    expect(sum(group(mixed, 'color_hist_'))).toBeCloseTo(1, 6);
    expect(feature(mixed, 'color_hist_r0g0b3')).toBeCloseTo(0.5, 6);
    expect(feature(mixed, 'saturation_mean')).toBeCloseTo(0.5, 6);
  });

  it('Canny finds the edges of a checkerboard and none in a flat field', () => {
    const board = classicalFeatures(checkerboard(16));
    const field = classicalFeatures(flat(128));
    expect(feature(field, 'edge_density')).toBe(0);
    expect(feature(field, 'gradient_magnitude_mean')).toBe(0);
    // 16-px cells: one thin edge line per 16 px in each direction ≈ 2/16 of the pixels (±thinning).
    expect(feature(board, 'edge_density')).toBeGreaterThan(0.08);
    expect(feature(board, 'edge_density')).toBeLessThan(0.2);
    // Axis-aligned edges: gradients mostly at 0° and 90°; the cells' corners add some diagonals.
    const axes = feature(board, 'edge_orientation_0deg') + feature(board, 'edge_orientation_90deg');
    expect(axes).toBeGreaterThan(0.75);
    expect(axes).toBeGreaterThan(4 * (feature(board, 'edge_orientation_45deg') + feature(board, 'edge_orientation_135deg')));
    expect(sum(group(board, 'edge_orientation_'))).toBeCloseTo(1, 6);
    const coarse = classicalFeatures(checkerboard(64));
    expect(feature(coarse, 'edge_density')).toBeLessThan(feature(board, 'edge_density'));
  });

  it('each Gabor orientation responds most to stripes of its own orientation', () => {
    // The bank's finest scale is 0.25 cycles/px on the 128-px copy: an 8-px period on the 256-px raster.
    for (let o = 0; o < GABOR_ORIENTATIONS; o += 2) {
      const theta = (o * Math.PI) / GABOR_ORIENTATIONS;
      const energies = group(classicalFeatures(stripes(theta, 8)), 'gabor_mean_s0_');
      expect(energies.indexOf(Math.max(...energies))).toBe(o);
    }
    const smooth = group(classicalFeatures(flat(90)), 'gabor_mean_');
    expect(Math.max(...smooth)).toBeLessThan(1e-6);
  });

  it('lighting separates a dark image from a bright one', () => {
    const dark = classicalFeatures(flat(3));
    const bright = classicalFeatures(flat(253));
    expect(feature(dark, 'luma_mean')).toBeLessThan(0.02);
    expect(feature(bright, 'luma_mean')).toBeGreaterThan(0.98);
    expect(feature(dark, 'crushed_shadows')).toBe(1);
    expect(feature(dark, 'clipped_highlights')).toBe(0);
    expect(feature(bright, 'clipped_highlights')).toBe(1);
    expect(sum(group(bright, 'luma_hist_'))).toBeCloseTo(1, 6);
    const gradient = classicalFeatures(raster((x) => [x, x, x]));
    expect(feature(gradient, 'luma_dynamic_range')).toBeGreaterThan(0.9);
    expect(feature(gradient, 'luma_mean_r0c0')).toBeLessThan(feature(gradient, 'luma_mean_r0c3'));
  });

  it('refuses a buffer that does not match its size, and images too small to measure', () => {
    expect(() => classicalFeatures({ width: 10, height: 10, channels: 3, data: new Uint8Array(10) })).toThrow(/expected 10×10×3/);
    expect(() => classicalFeatures(raster(() => [0, 0, 0], 4, 4))).toThrow(/too small/);
  });
});
