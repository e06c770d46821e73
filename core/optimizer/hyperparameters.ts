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

// Units: inputs scaled to [0,1], targets standardised. Lengthscales around a third of a range,
// the landscape's variance around the ratings' variance, ratings noisy (σ≈0.5 on a scale with
// σ≈1 gives σn²≈0.25), providers half-correlated a priori, raters' offsets small but real.
const LENGTHSCALE: Prior = { centre: Math.log(0.35), spread: 1.0, lower: Math.log(0.02), upper: Math.log(2) };
const AMPLITUDE: Prior = { centre: 0, spread: 1.0, lower: Math.log(0.02), upper: Math.log(20) };
const NOISE: Prior = { centre: Math.log(0.2), spread: 1.2, lower: Math.log(1e-3), upper: Math.log(5) };
const CORRELATION: Prior = { centre: 0, spread: 1.5, lower: -4.6, upper: 4.6 };
const RATER_VARIANCE: Prior = { centre: Math.log(0.05), spread: 1.5, lower: Math.log(1e-4), upper: Math.log(2) };

function priorsFor(layout: HyperLayout): Prior[] {
  const priors: Prior[] = Array.from({ length: layout.dimensions }, () => LENGTHSCALE);
  priors.push(AMPLITUDE, NOISE);
  if (layout.correlation) priors.push(CORRELATION);
  if (layout.raterVariance) priors.push(RATER_VARIANCE);
  return priors;
}

/** The prior medians: the hyperparameters used before there are ratings to fit. */
export function priorHyperparameters(layout: HyperLayout): Hyperparameters {
  return decodeHyperparameters(layout, priorsFor(layout).map((p) => p.centre));
}

export interface FitOptions {
  starts: number;
  maxIterations: number;
  /** Seeded uniform [0,1) source for the extra starts. */
  random: () => number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function fitHyperparameters(data: FitData, layout: HyperLayout, options: FitOptions): Hyperparameters {
  const priors = priorsFor(layout);
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
