import type { ProviderId } from '../api';
import { encodePoint, type Dataset } from './dataset';
import type { ProviderEncoding } from './kernel';
import { covarianceWith, predictPoint, qTimes, type CompiledPredictor } from './predictor';
import { CONTINUOUS_DIMENSIONS, fromUnit, type CanonicalPoint, type OptimizerSpace } from './space';
import { Z80 } from './state';

/**
 * Partial dependence (Friedman 2001, §8.2) of the posterior mean rating on one setting: the
 * setting is put at a value on every reference point (the distinct points rated, so the other
 * settings keep the mix trainers actually saw) and the model's expected ratings there are averaged.
 * The 80 % band is that average's own posterior interval: the average of correlated values, so its
 * variance is the mean of the posterior covariances between all the moved points, not of their
 * variances (which would be far too wide where the points share information).
 */

export type Dimension = (typeof CONTINUOUS_DIMENSIONS)[number];

export interface EffectPoint {
  /** The setting's value, in its own unit. */
  value: number;
  /** Expected rating of an average rater, averaged over the reference points; clamped to 1..5. */
  mean: number;
  /** Central 80 % credible interval of that average. */
  low: number;
  high: number;
}

export interface ParameterEffects {
  /** How many rated points the curves average over (a seeded subset past MAX_REFERENCE_POINTS). */
  reference_points: number;
  knobs: Record<Dimension, EffectPoint[]>;
  providers: { provider: ProviderId; mean: number; low: number; high: number }[];
}

/** Grid values per setting: a step of 1/20 of the range, smooth at the prior's median lengthscale (0.35 of a range). */
export const EFFECT_GRID = 21;
/** Cost control: the band needs every pair's covariance, so O(n²) per grid value. */
export const MAX_REFERENCE_POINTS = 40;

export interface EffectInputs {
  space: OptimizerSpace;
  encoding: ProviderEncoding;
  dataset: Dataset;
  predictor: CompiledPredictor;
}

/** The rated points the curves average over: all of them, or an evenly spread subset of the canonical order. */
export function referencePoints(points: readonly CanonicalPoint[]): CanonicalPoint[] {
  if (points.length <= MAX_REFERENCE_POINTS) return [...points];
  const step = points.length / MAX_REFERENCE_POINTS;
  return Array.from({ length: MAX_REFERENCE_POINTS }, (_, i) => points[Math.floor(i * step)]!);
}

/** Posterior mean and variance (model units) of the average of the latent quality over `points`. */
export function averagePrediction(inputs: EffectInputs, points: readonly CanonicalPoint[]): { mean: number; variance: number } {
  const { space, encoding, predictor } = inputs;
  const encoded = points.map((p) => encodePoint(space, encoding, p));
  const predictions = encoded.map((x) => predictPoint(predictor, x));
  const qk = predictions.map((p) => qTimes(predictor, p.k));
  const n = points.length;
  let mean = 0;
  let covariance = 0;
  for (let i = 0; i < n; i++) {
    mean += predictions[i]!.mean;
    covariance += predictions[i]!.variance;
    for (let j = 0; j < i; j++) covariance += 2 * covarianceWith(predictor, encoded[i]!, predictions[i]!.k, encoded[j]!, qk[j]!);
  }
  return { mean: mean / n, variance: Math.max(covariance / (n * n), 0) };
}

const clamp = (r: number) => Math.min(5, Math.max(1, r));

/** In rating points: the dataset's centring undone, the band at Φ⁻¹(0.9). */
function inRatingPoints(dataset: Dataset, average: { mean: number; variance: number }) {
  const mean = dataset.mean + dataset.scale * average.mean;
  const half = Z80 * dataset.scale * Math.sqrt(average.variance);
  return { mean: clamp(mean), low: clamp(mean - half), high: clamp(mean + half) };
}

export function parameterEffects(inputs: EffectInputs): ParameterEffects {
  const reference = referencePoints(inputs.dataset.points);
  const knobs = {} as Record<Dimension, EffectPoint[]>;
  for (const dimension of CONTINUOUS_DIMENSIONS) {
    knobs[dimension] = Array.from({ length: EFFECT_GRID }, (_, g) => {
      const value = fromUnit(dimension, g / (EFFECT_GRID - 1));
      const moved = reference.map((p) => ({ ...p, [dimension]: value }));
      return { value, ...inRatingPoints(inputs.dataset, averagePrediction(inputs, moved)) };
    });
  }
  const providers = inputs.space.providers.map((provider) => {
    const moved = reference.map((p) => ({ ...p, provider }));
    return { provider, ...inRatingPoints(inputs.dataset, averagePrediction(inputs, moved)) };
  });
  return { reference_points: reference.length, knobs, providers };
}
