import type { EncodedPoint } from './kernel';
import { choleskyWithJitter, solveLowerInPlace } from './linalg';
import { covarianceWith, predictPoint, qTimes, type CompiledPredictor, type PointPrediction } from './predictor';

/**
 * The posterior as if some points had already been rated: how the second point of a pair, and the
 * pairs waiting in the prefetch queue, are kept from asking the same question twice (the constant
 * liar of Ginsbourger, Le Riche & Carraro 2010: each pending point pretends to have been rated
 * `value`). The fantasies are plain Gaussian observations, so instead of refitting, the current
 * posterior process is conditioned on them directly (GPML eq. 2.19 applied to the posterior):
 *   μ'(x) = μ(x) + c_xFᵀ (C_FF + σn²I)⁻¹ (value − μ_F),   σ'²(x) = σ²(x) − c_xFᵀ (C_FF + σn²I)⁻¹ c_xF
 * with C the posterior covariance. That costs O(|F|·m) per prediction instead of a rebuild, and it
 * includes the prior covariance the basis leaves out, so a pending point far from all data still
 * lowers the variance around itself.
 */

export interface Fantasy {
  point: EncodedPoint;
  /** The value the liar pretends was observed (model units). */
  value: number;
}

export type Predictor = (point: EncodedPoint) => { mean: number; variance: number };

/**
 * `base`: the unconditioned prediction at a point, by default computed afresh; the acquisition's
 * searches pass one that remembers it for their shared candidates (optimizer.ts).
 */
export function conditionOnFantasies(
  predictor: CompiledPredictor,
  fantasies: readonly Fantasy[],
  noise: number,
  base: (point: EncodedPoint) => PointPrediction = (point) => predictPoint(predictor, point),
): Predictor {
  if (fantasies.length === 0) return base;
  const f = fantasies.length;
  const at = fantasies.map((fantasy) => predictPoint(predictor, fantasy.point));
  const qk = at.map((p) => qTimes(predictor, p.k));
  const covariance = new Float64Array(f * f);
  for (let i = 0; i < f; i++) {
    for (let j = 0; j <= i; j++) {
      const c = covarianceWith(predictor, fantasies[i]!.point, at[i]!.k, fantasies[j]!.point, qk[j]!);
      covariance[i * f + j] = c;
      covariance[j * f + i] = c;
    }
    covariance[i * f + i] = covariance[i * f + i]! + noise;
  }
  const { factor } = choleskyWithJitter(covariance, f);
  // weights = L⁻¹(value − μ_F), so μ' = μ + (L⁻¹c)·weights and σ'² = σ² − ‖L⁻¹c‖².
  const weights = solveLowerInPlace(factor, f, Float64Array.from(fantasies, (fantasy, i) => fantasy.value - at[i]!.mean));
  return (point) => {
    const unconditioned = base(point);
    const c = Float64Array.from(fantasies, (fantasy, i) => covarianceWith(predictor, point, unconditioned.k, fantasy.point, qk[i]!));
    solveLowerInPlace(factor, f, c);
    let mean = unconditioned.mean;
    let variance = unconditioned.variance;
    for (let i = 0; i < f; i++) {
      mean += c[i]! * weights[i]!;
      variance -= c[i]! * c[i]!;
    }
    return { mean, variance: Math.max(variance, 0) };
  };
}
