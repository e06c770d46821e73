import type { AcquisitionResult, Candidate } from './acquisition';
import type { Model } from './model';
import { predictAtPoint } from './posterior';
import { compilePredictor, type CompiledPredictor, type PointPrediction } from './predictor';

/** A fitted model with what every proposal and status needs from it, computed once per fit. */
export interface FittedState {
  model: Model;
  predictor: CompiledPredictor;
  /** Posterior mean at each distinct point tried. */
  means: number[];
  /** The tried point with the highest posterior mean. */
  incumbent: { index: number; mean: number; variance: number };
  /** The acquisition's reference: the mean at the point tried with the highest μ − σ. */
  effectiveBest: number;
  /** The unconditioned EI maximum, shared by ask() without pending points and status(). */
  open?: AcquisitionResult;
  /**
   * The Sobol candidates every EI search of this fit starts from, with their unconditioned
   * predictions once computed: each point of a pair and each pending point's fantasy only adds
   * its O(fantasies·m) correction to them, instead of a new O(m²) prediction per candidate.
   */
  eiCandidates?: { candidates: Candidate[]; members: Set<object>; predictions: Map<object, PointPrediction> };
}

/** Φ⁻¹(0.9): the half-width of a central 80% normal interval in standard deviations. */
export const Z80 = 1.2815515655446004;

export function fittedState(model: Model): FittedState {
  let incumbent = { index: 0, mean: Number.NEGATIVE_INFINITY, variance: 0 };
  let effective = { lower: Number.NEGATIVE_INFINITY, mean: 0 };
  const means = model.dataset.points.map((_, index) => {
    const { mean, variance } = predictAtPoint(model.posterior, index);
    if (mean > incumbent.mean) incumbent = { index, mean, variance };
    const lower = mean - Math.sqrt(variance);
    if (lower > effective.lower) effective = { lower, mean };
    return mean;
  });
  return { model, predictor: compilePredictor(model.posterior), means, incumbent, effectiveBest: effective.mean };
}

/**
 * Whether the ratings single out a setting yet: the best tried point's 80% interval lies above the
 * average rating (0 in the model's centred units). Until then the landscape looks flat within the
 * noise, Expected Improvement has nothing to improve on and chases the corners of the box (where
 * the variance is largest), so the space-filling design goes on instead.
 */
export function hasSignal(state: FittedState): boolean {
  const { mean, variance } = state.incumbent;
  return mean - Z80 * Math.sqrt(variance) > 0;
}
