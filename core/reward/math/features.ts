import { edgeFeatures, EDGE_GRID, ORIENTATION_BINS } from './canny';
import { colorHistogram, colorMoments } from './color';
import { gaborFeatures, GABOR_ORIENTATIONS, GABOR_SCALES } from './gabor';
import { LIGHTING_GRID, lightingFeatures, LUMINANCE_BINS } from './lighting';
import { checkRaster, halve, luminance, type Raster } from './raster';

/**
 * Changes whenever a feature's definition changes: cached features of another version are not
 * reused, and a model trained on another version is not used for predictions.
 */
export const CLASSICAL_FEATURE_VERSION = 'classical-v1';
/** The long side of the copy the features are computed on (the decoder downscales to it). */
export const FEATURE_LONG_SIDE = 256;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const cells = (prefix: string, grid: number) => range(grid * grid).map((i) => `${prefix}_r${Math.floor(i / grid)}c${i % grid}`);

/**
 * The name of every classical feature, in vector order; `core/reward/FEATURES.md` explains each
 * group. The tests check that this list and the extractor agree in length.
 */
export const CLASSICAL_FEATURE_NAMES: readonly string[] = [
  ...range(64).map((i) => `color_hist_r${i >> 4}g${(i >> 2) & 3}b${i & 3}`),
  'color_mean_r', 'color_mean_g', 'color_mean_b', 'color_std_r', 'color_std_g', 'color_std_b',
  'saturation_mean', 'saturation_std',
  'edge_density',
  ...cells('edge_density', EDGE_GRID),
  'gradient_magnitude_mean',
  ...range(ORIENTATION_BINS).map((i) => `edge_orientation_${(i * 180) / ORIENTATION_BINS}deg`),
  ...range(GABOR_SCALES * GABOR_ORIENTATIONS).map((i) => `gabor_mean_s${Math.floor(i / GABOR_ORIENTATIONS)}_o${((i % GABOR_ORIENTATIONS) * 180) / GABOR_ORIENTATIONS}deg`),
  ...range(GABOR_SCALES * GABOR_ORIENTATIONS).map((i) => `gabor_std_s${Math.floor(i / GABOR_ORIENTATIONS)}_o${((i % GABOR_ORIENTATIONS) * 180) / GABOR_ORIENTATIONS}deg`),
  ...range(LUMINANCE_BINS).map((i) => `luma_hist_${i}`),
  ...cells('luma_mean', LIGHTING_GRID),
  'luma_p01', 'luma_p05', 'luma_p50', 'luma_p95', 'luma_p99',
  'luma_dynamic_range', 'luma_mean', 'luma_std', 'clipped_highlights', 'crushed_shadows',
];

/** All classical features of one image, computed on its downscaled copy; deterministic. */
export function classicalFeatures(raster: Raster): Float32Array {
  checkRaster(raster);
  const luma = luminance(raster);
  const features = [
    ...colorHistogram(raster),
    ...colorMoments(raster),
    ...edgeFeatures(luma),
    ...gaborFeatures(halve(luma)),
    ...lightingFeatures(luma),
  ];
  if (features.length !== CLASSICAL_FEATURE_NAMES.length) {
    throw new Error(`feature extractor gave ${features.length} values for ${CLASSICAL_FEATURE_NAMES.length} names`);
  }
  return Float32Array.from(features);
}
