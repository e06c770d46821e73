import type { EncodedPoint, Kernel } from './kernel';

/**
 * A whitened feature basis for the latent quality, from a pivoted (greedy, partial) Cholesky
 * factorisation of the kernel matrix of the distinct points (Harbrecht, Peters & Schneider 2012).
 * K ≈ Φ·Φᵀ with Φ n×m; the latent vector is f = Φ·v with v ~ N(0, I).
 *
 * Why this instead of a plain n×n Cholesky: duplicate and near-duplicate points simply never become
 * pivots (their residual variance is ~0), so the matrix is never singular; and the rank stops at
 * `maxRank` pivots, so 1000 observations cost O(n·m²) rather than O(n³). When every point is a pivot
 * the model is the exact GP; otherwise it is the projected-process (DTC) approximation on the
 * pivots, with a new point's leftover prior variance added back when predicting.
 */

export interface Basis {
  rank: number;
  /** The pivot points, in pivot order. */
  pivotPoints: EncodedPoint[];
  /** Row i (stride `rank`) holds the features of point i. */
  features: Float64Array;
  /** The pivots' rows of the features: lower triangular, rank×rank. */
  pivotFactor: Float64Array;
  kernel: Kernel;
  /** Prior variance k(x, x), the same for every point. */
  priorVariance: number;
}

export interface BasisOptions {
  maxRank: number;
  /** Points stop being pivots once every residual variance is at or below this. */
  tolerance: number;
}

export function buildBasis(points: readonly EncodedPoint[], kernel: Kernel, priorVariance: number, options: BasisOptions): Basis {
  const n = points.length;
  const stride = Math.min(options.maxRank, n);
  const factor = new Float64Array(n * stride);
  const residual = new Float64Array(n).fill(priorVariance);
  const isPivot = new Uint8Array(n);
  const pivots: number[] = [];
  while (pivots.length < stride) {
    let pivot = -1;
    let largest = options.tolerance;
    for (let i = 0; i < n; i++) {
      if (!isPivot[i] && residual[i]! > largest) {
        largest = residual[i]!;
        pivot = i;
      }
    }
    if (pivot < 0) break;
    const column = pivots.length;
    const pivotValue = Math.sqrt(residual[pivot]!);
    const pivotRow = pivot * stride;
    factor[pivotRow + column] = pivotValue;
    const pivotPoint = points[pivot]!;
    for (let i = 0; i < n; i++) {
      if (isPivot[i] || i === pivot) continue;
      const row = i * stride;
      let sum = kernel(points[i]!, pivotPoint);
      for (let j = 0; j < column; j++) sum -= factor[row + j]! * factor[pivotRow + j]!;
      const value = sum / pivotValue;
      factor[row + column] = value;
      residual[i] = Math.max(residual[i]! - value * value, 0);
    }
    isPivot[pivot] = 1;
    residual[pivot] = 0;
    pivots.push(pivot);
  }
  const rank = pivots.length;
  const features = new Float64Array(n * rank);
  for (let i = 0; i < n; i++) for (let j = 0; j < rank; j++) features[i * rank + j] = factor[i * stride + j]!;
  const pivotFactor = new Float64Array(rank * rank);
  pivots.forEach((p, k) => {
    for (let j = 0; j <= k; j++) pivotFactor[k * rank + j] = features[p * rank + j]!;
  });
  return { rank, pivotPoints: pivots.map((p) => points[p]!), features, pivotFactor, kernel, priorVariance };
}
