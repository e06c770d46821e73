import type { EncodedPoint } from './kernel';
import { invertLower } from './linalg';
import type { Posterior } from './posterior';

/**
 * The posterior compiled for fast prediction at new points, which the acquisition search does
 * thousands of times per proposal. With k the kernel vector between a point and the m pivots:
 *   mean = kᵀα,          α = L_u⁻ᵀ μ_v
 *   var  = k(x,x) − kᵀQk, Q = L_u⁻ᵀL_u⁻¹ − GᵀG,  G = (L_P⁻¹)[:, :m]·L_u⁻¹
 * (the prior variance, minus what the pivots capture, plus back the posterior uncertainty of the
 * weights). That is one quadratic form per point instead of two triangular solves; Q costs O(m³)
 * once per posterior.
 */

export interface CompiledPredictor {
  pivots: readonly EncodedPoint[];
  kernel: (a: EncodedPoint, b: EncodedPoint) => number;
  priorVariance: number;
  alpha: Float64Array;
  /** Symmetric m×m, row-major. */
  q: Float64Array;
}

export interface PointPrediction {
  mean: number;
  variance: number;
  /** Kernel vector to the pivots (for posterior covariances, see fantasies.ts). */
  k: Float64Array;
}

export function compilePredictor(posterior: Posterior): CompiledPredictor {
  const { basis, size } = posterior;
  const m = basis.rank;
  const inverseU = invertLower(basis.pivotFactor, m);
  const inverseP = invertLower(posterior.factor, size);
  const g = new Float64Array(size * m);
  for (let i = 0; i < size; i++) {
    const last = Math.min(i, m - 1);
    for (let j = 0; j <= last; j++) {
      let sum = 0;
      for (let k = j; k <= last; k++) sum += inverseP[i * size + k]! * inverseU[k * m + j]!;
      g[i * m + j] = sum;
    }
  }
  const q = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = 0;
      for (let k = a; k < m; k++) sum += inverseU[k * m + a]! * inverseU[k * m + b]!;
      for (let i = b; i < size; i++) sum -= g[i * m + a]! * g[i * m + b]!;
      q[a * m + b] = sum;
      q[b * m + a] = sum;
    }
  }
  const alpha = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let sum = 0;
    for (let k = j; k < m; k++) sum += inverseU[k * m + j]! * posterior.mean[k]!;
    alpha[j] = sum;
  }
  return { pivots: basis.pivotPoints, kernel: basis.kernel, priorVariance: basis.priorVariance, alpha, q };
}

export function predictPoint(predictor: CompiledPredictor, point: EncodedPoint): PointPrediction {
  const { pivots, kernel, alpha, q } = predictor;
  const m = pivots.length;
  const k = new Float64Array(m);
  for (let j = 0; j < m; j++) k[j] = kernel(point, pivots[j]!);
  let mean = 0;
  let form = 0;
  for (let a = 0; a < m; a++) {
    const ka = k[a]!;
    mean += ka * alpha[a]!;
    const row = a * m;
    let inner = 0;
    for (let b = 0; b < a; b++) inner += q[row + b]! * k[b]!;
    form += ka * (2 * inner + q[row + a]! * ka);
  }
  return { mean, variance: Math.max(predictor.priorVariance - form, 0), k };
}

/** Posterior covariance between a predicted point and another, given Q·k of the other. */
export function covarianceWith(predictor: CompiledPredictor, x: EncodedPoint, kx: Float64Array, y: EncodedPoint, qky: Float64Array): number {
  let form = 0;
  for (let j = 0; j < kx.length; j++) form += kx[j]! * qky[j]!;
  return predictor.kernel(x, y) - form;
}

export function qTimes(predictor: CompiledPredictor, k: Float64Array): Float64Array {
  const m = k.length;
  const out = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    let sum = 0;
    for (let b = 0; b < m; b++) sum += predictor.q[a * m + b]! * k[b]!;
    out[a] = sum;
  }
  return out;
}
