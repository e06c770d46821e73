/**
 * Raters' offsets as a random effect that sums to zero: b = C·β with β ~ N(0, τ²·I), where the
 * columns of C (R × R−1) are the normalised Helmert contrasts, orthonormal and orthogonal to 1.
 * Hence Cov(b) = τ²·(I − 11ᵀ/R). Without the constraint the offsets and the landscape's overall
 * level are confounded (two harsh raters look like one mediocre landscape); with it an offset means
 * "this rater compared with the average of the raters", and "offsets removed" means the average
 * rater — which is what the predicted rating reports.
 */
export function raterLoadings(raterCount: number): Float64Array[] {
  const q = Math.max(raterCount - 1, 0);
  const loadings = Array.from({ length: raterCount }, () => new Float64Array(q));
  for (let k = 1; k <= q; k++) {
    const norm = Math.sqrt(k * (k + 1));
    for (let i = 0; i < k; i++) loadings[i]![k - 1] = 1 / norm;
    loadings[k]![k - 1] = -k / norm;
  }
  return loadings;
}

/** Prior covariance of two ratings' offsets: τ²·([same rater] − 1/R). */
export function offsetCovariance(sameRater: boolean, raterCount: number): number {
  return (sameRater ? 1 : 0) - 1 / raterCount;
}
