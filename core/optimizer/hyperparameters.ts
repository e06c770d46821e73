import { minimizeLbfgs } from './lbfgs';
import { decodeHyperparameters, logMarginalLikelihood, type FitData, type HyperLayout, type Hyperparameters } from './marginalLikelihood';

/**
 * Type-II MAP hyperparameters: maximise log marginal likelihood + log prior over θ, from several
 * starts, with L-BFGS. On 5–50 noisy integer ratings the likelihood alone is often flat or runs off
 * to a zero lengthscale or zero noise; weak log-normal priors and hard bounds keep it sane.
 *
 * Bounds are enforced by the parameterisation θ = lo + (hi − lo)·sigmoid(η), so L-BFGS runs
 * unconstrained on η.
 */

interface Prior {
  /** Prior median and spread, both in θ units (log or logit of the natural parameter). */
  centre: number;
  spread: number;
  lower: number;
  upper: number;
}

// The `standardised` family. Units: inputs scaled to [0,1], targets standardised. Lengthscales
// around a third of a range, the landscape's variance around the ratings' variance, ratings noisy
// (σ≈0.5 on a scale with σ≈1 gives σn²≈0.25), providers half-correlated a priori, raters' offsets
// small but real. The lengthscale and correlation priors serve both families.
const LENGTHSCALE: Prior = { centre: Math.log(0.35), spread: 1.0, lower: Math.log(0.02), upper: Math.log(2) };
const AMPLITUDE: Prior = { centre: 0, spread: 1.0, lower: Math.log(0.02), upper: Math.log(20) };
const NOISE: Prior = { centre: Math.log(0.2), spread: 1.2, lower: Math.log(1e-3), upper: Math.log(5) };
const CORRELATION: Prior = { centre: 0, spread: 1.5, lower: -4.6, upper: 4.6 };
const RATER_VARIANCE: Prior = { centre: Math.log(0.05), spread: 1.5, lower: Math.log(1e-4), upper: Math.log(2) };

// Rating-scale units (ratings centred, in rating points). What a 1–5 integer rating says before
// any data: the rounding alone is uniform quantisation noise of variance 1/12, a hard floor; the
// trainers' perception adds σ ≈ 0.5 (the issue's figure), so the noise median is 0.5² + 1/12.
// Settings are expected to move quality by about a rating point, raters to differ by a few tenths.
const QUANTISATION = 1 / 12;
const RATING_AMPLITUDE: Prior = { centre: 0, spread: 1.0, lower: Math.log(0.01), upper: Math.log(10) };
const RATING_NOISE: Prior = { centre: Math.log(0.25 + QUANTISATION), spread: 0.5, lower: Math.log(QUANTISATION), upper: Math.log(4) };
const RATING_RATER_VARIANCE: Prior = { centre: Math.log(0.1), spread: 1.0, lower: Math.log(1e-3), upper: Math.log(2) };

/**
 * `standardised`: generic priors on targets standardised by their own spread (what general BO
 * tools do, and the benchmark's plain GP-EI). `rating-scale`: priors in rating points.
 */
export type PriorFamily = 'standardised' | 'rating-scale';

function priorsFor(layout: HyperLayout, family: PriorFamily): Prior[] {
  const ratingScale = family === 'rating-scale';
  const priors: Prior[] = Array.from({ length: layout.dimensions }, () => LENGTHSCALE);
  priors.push(ratingScale ? RATING_AMPLITUDE : AMPLITUDE, ratingScale ? RATING_NOISE : NOISE);
  if (layout.correlation) priors.push(CORRELATION);
  if (layout.raterVariance) priors.push(ratingScale ? RATING_RATER_VARIANCE : RATER_VARIANCE);
  return priors;
}

/** The prior medians: the hyperparameters used before there are ratings to fit. */
export function priorHyperparameters(layout: HyperLayout, family: PriorFamily): Hyperparameters {
  return decodeHyperparameters(layout, priorsFor(layout, family).map((p) => p.centre));
}

export interface FitOptions {
  priors: PriorFamily;
  starts: number;
  maxIterations: number;
  /** Seeded uniform [0,1) source for the extra starts. */
  random: () => number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function fitHyperparameters(data: FitData, layout: HyperLayout, options: FitOptions): Hyperparameters {
  const priors = priorsFor(layout, options.priors);
  const k = priors.length;
  const thetaOf = (eta: Float64Array) => {
    const theta = new Float64Array(k);
    for (let i = 0; i < k; i++) theta[i] = priors[i]!.lower + (priors[i]!.upper - priors[i]!.lower) * sigmoid(eta[i]!);
    return theta;
  };
  const objective = (eta: Float64Array) => {
    const theta = thetaOf(eta);
    const { value, gradient } = logMarginalLikelihood(data, layout, theta);
    let total = value;
    const etaGradient = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      const prior = priors[i]!;
      const standardised = (theta[i]! - prior.centre) / prior.spread;
      total -= 0.5 * standardised * standardised;
      const dTheta = gradient[i]! - standardised / prior.spread;
      const s = sigmoid(eta[i]!);
      etaGradient[i] = -dTheta * (prior.upper - prior.lower) * s * (1 - s);
    }
    return { value: -total, gradient: etaGradient };
  };
  const etaOf = (theta: readonly number[]) =>
    Float64Array.from(theta, (t, i) => {
      const prior = priors[i]!;
      const fraction = Math.min(Math.max((t - prior.lower) / (prior.upper - prior.lower), 1e-6), 1 - 1e-6);
      return Math.log(fraction / (1 - fraction));
    });

  let best: { eta: Float64Array; value: number } | null = null;
  for (let start = 0; start < options.starts; start++) {
    // Start 0 is the prior median; the others are draws from a narrowed prior (Box–Muller).
    const theta = priors.map((prior) => {
      if (start === 0) return prior.centre;
      const u = Math.max(options.random(), 1e-12);
      const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * options.random());
      return prior.centre + 0.8 * prior.spread * normal;
    });
    const result = minimizeLbfgs(objective, etaOf(theta), { maxIterations: options.maxIterations });
    if (Number.isFinite(result.value) && (!best || result.value < best.value)) best = { eta: result.x, value: result.value };
  }
  return decodeHyperparameters(layout, best ? thetaOf(best.eta) : priors.map((p) => p.centre));
}
