import type { Basis } from './basis';
import { choleskySolve, choleskyWithJitter, solveLowerInPlace } from './linalg';

/**
 * The Gaussian posterior over the weights u = [v; b]: v the whitened latent quality (f = Φ·v,
 * v ~ N(0, I)), β the raters' offset contrasts (b_r = c_r·β, β ~ N(0, τ²·I), raters.ts). Every
 * observation is linear in u = [v; β]:
 *   a rating         y = Φ_i·v + c_r·β + ε,     ε ~ N(0, noise)
 *   a difference     z = (Φ_a − Φ_b)·v + ε,     ε ~ N(0, 1/weight)   (Laplace pseudo-observation
 *                                                                     of a preference, see laplace.ts)
 * so the posterior precision is I ⊕ τ⁻²I plus a sum of outer products, of size m + R − 1 — small
 * even at 1000 observations.
 */

export interface RatingRow {
  point: number;
  /** Index into the raters, or -1 for an observation with no rater (a constant-liar fantasy). */
  rater: number;
  value: number;
  noise: number;
}

export interface DifferenceRow {
  a: number;
  b: number;
  target: number;
  weight: number;
}

/** Precision (lower triangle filled, symmetric) and right-hand side of the normal equations. */
export interface NormalEquations {
  size: number;
  precision: Float64Array;
  rhs: Float64Array;
}

/** `loadings[r]` is rater r's row c_r of the contrast matrix (empty without rater offsets). */
export function ratingEquations(
  basis: Basis,
  loadings: readonly Float64Array[],
  raterVariance: number,
  ratings: readonly RatingRow[],
): NormalEquations {
  const m = basis.rank;
  const q = loadings[0]?.length ?? 0;
  const size = m + q;
  const precision = new Float64Array(size * size);
  const rhs = new Float64Array(size);
  for (let i = 0; i < m; i++) precision[i * size + i] = 1;
  for (let k = 0; k < q; k++) precision[(m + k) * size + m + k] = 1 / raterVariance;
  // Repeated ratings of one point by one rater share their outer product: weight and sum them first.
  const grouped = new Map<string, { point: number; rater: number; weight: number; weightedSum: number }>();
  for (const row of ratings) {
    const key = `${row.point}:${row.rater}`;
    const group = grouped.get(key) ?? { point: row.point, rater: row.rater, weight: 0, weightedSum: 0 };
    group.weight += 1 / row.noise;
    group.weightedSum += row.value / row.noise;
    grouped.set(key, group);
  }
  for (const { point, rater, weight, weightedSum } of grouped.values()) {
    const phi = basis.features.subarray(point * m, point * m + m);
    for (let i = 0; i < m; i++) {
      const scaled = weight * phi[i]!;
      const row = i * size;
      for (let j = 0; j <= i; j++) precision[row + j] = precision[row + j]! + scaled * phi[j]!;
      rhs[i] = rhs[i]! + weightedSum * phi[i]!;
    }
    const c = rater >= 0 ? loadings[rater] : undefined;
    if (!c) continue;
    for (let k = 0; k < q; k++) {
      const row = (m + k) * size;
      const scaled = weight * c[k]!;
      for (let j = 0; j < m; j++) precision[row + j] = precision[row + j]! + scaled * phi[j]!;
      for (let l = 0; l <= k; l++) precision[row + m + l] = precision[row + m + l]! + scaled * c[l]!;
      rhs[m + k] = rhs[m + k]! + weightedSum * c[k]!;
    }
  }
  return { size, precision, rhs };
}

/** Φ_a − Φ_b for a difference observation. */
export function differenceFeatures(basis: Basis, a: number, b: number): Float64Array {
  const m = basis.rank;
  const g = new Float64Array(m);
  for (let j = 0; j < m; j++) g[j] = basis.features[a * m + j]! - basis.features[b * m + j]!;
  return g;
}

/** Adds weight·g·gᵀ (g over the first g.length weights) and weight·target·g to the equations, in place. */
export function addDifference(equations: NormalEquations, g: Float64Array, weight: number, target: number): void {
  const { size, precision, rhs } = equations;
  for (let i = 0; i < g.length; i++) {
    const scaled = weight * g[i]!;
    if (scaled === 0) continue;
    const row = i * size;
    for (let j = 0; j <= i; j++) precision[row + j] = precision[row + j]! + scaled * g[j]!;
    rhs[i] = rhs[i]! + scaled * target;
  }
}

export function copyEquations(equations: NormalEquations): NormalEquations {
  return { size: equations.size, precision: Float64Array.from(equations.precision), rhs: Float64Array.from(equations.rhs) };
}

export interface Posterior {
  basis: Basis;
  size: number;
  /** Cholesky factor of the posterior precision. */
  factor: Float64Array;
  /** Posterior mean of [v; β]. */
  mean: Float64Array;
}

/** Solves the normal equations. The precision is ≥ I, so jitter is a safeguard, not a habit. */
export function solvePosterior(basis: Basis, equations: NormalEquations): Posterior {
  const { size } = equations;
  const symmetric = Float64Array.from(equations.precision);
  for (let i = 0; i < size; i++) for (let j = 0; j < i; j++) symmetric[j * size + i] = symmetric[i * size + j]!;
  const { factor } = choleskyWithJitter(symmetric, size);
  return { basis, size, factor, mean: choleskySolve(factor, size, equations.rhs) };
}

export interface Prediction {
  mean: number;
  /** Variance of the latent quality (no rating noise, no rater offset). */
  variance: number;
}

/** Latent quality at one of the basis's own points (its features are stored; no residual). */
export function predictAtPoint(posterior: Posterior, index: number): Prediction {
  const m = posterior.basis.rank;
  return predictFromFeatures(posterior, posterior.basis.features.subarray(index * m, index * m + m), 0);
}

function predictFromFeatures(posterior: Posterior, features: Float64Array, residual: number): Prediction {
  const { size, factor, mean } = posterior;
  let predicted = 0;
  for (let j = 0; j < features.length; j++) predicted += features[j]! * mean[j]!;
  // Var = residual + [φ;0]ᵀ P⁻¹ [φ;0] = residual + ‖L⁻¹[φ;0]‖².
  const w = new Float64Array(size);
  w.set(features);
  solveLowerInPlace(factor, size, w);
  let explained = 0;
  for (let j = 0; j < size; j++) explained += w[j]! * w[j]!;
  return { mean: predicted, variance: residual + explained };
}
