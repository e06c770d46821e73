import { buildBasis, type Basis } from './basis';
import type { Dataset } from './dataset';
import { adaptHyperparameters, fitJobOf, runFitJob } from './fitJob';
import { priorHyperparameters, type PriorFamily } from './hyperparameters';
import { makeKernel, type EncodedPoint, type Kernel, type ProviderEncoding } from './kernel';
import { laplaceMode, type ProbitScale } from './laplace';
import type { HyperLayout, Hyperparameters } from './marginalLikelihood';
import { ratingEquations, solvePosterior, type DifferenceRow, type Posterior, type RatingRow } from './posterior';
import { raterLoadings } from './raters';

/**
 * The fitted surrogate: hyperparameters from the ratings (type-II MAP, hyperparameters.ts), then
 * one joint posterior of the latent quality and the raters' offsets from the ratings and, when
 * enabled, the preferences (Laplace, laplace.ts).
 */

export interface ModelSettings {
  providerEncoding: ProviderEncoding;
  raterOffsets: boolean;
  usePreferences: boolean;
  priors: PriorFamily;
}

export interface Model {
  dataset: Dataset;
  hyperparameters: Hyperparameters;
  kernel: Kernel;
  basis: Basis;
  ratingRows: RatingRow[];
  /** Each rater's contrast row (raters.ts); empty when offsets are not modelled. */
  loadings: Float64Array[];
  /** The preferences as Gaussian pseudo-observations (empty without preferences). */
  differences: DifferenceRow[];
  posterior: Posterior;
}

// The basis keeps at most MAX_RANK pivots (cost control, measured in the benchmark).
const MAX_RANK = 128;

/** How trainers' "tie" and their comparison noise map to the probit (rating units). */
const TIE_MARGIN = 0.25;
const MIN_COMPARISON_NOISE = 0.3;

export function layoutOf(dataset: Dataset, settings: ModelSettings, providerCount: number): HyperLayout {
  return {
    dimensions: dataset.encoded[0]?.coords.length ?? (settings.providerEncoding === 'axis' && providerCount > 1 ? 4 : 3),
    correlation: settings.providerEncoding === 'coregionalised' && providerCount > 1,
    raterVariance: settings.raterOffsets && dataset.raters.length > 1,
  };
}

/**
 * `given`: hyperparameters fitted elsewhere (a worker, possibly on fewer ratings), or the prior
 * medians, instead of a fit here; the posterior is still conditioned on every rating and preference.
 */
export function fitModel(dataset: Dataset, settings: ModelSettings, providerCount: number, seed: number, given?: Hyperparameters | 'prior'): Model {
  const layout = layoutOf(dataset, settings, providerCount);
  const hyperparameters = given
    ? given === 'prior'
      ? priorHyperparameters(layout, settings.priors)
      : adaptHyperparameters(given, layout, settings.priors)
    : dataset.ratings.length > 0
      ? runFitJob(fitJobOf(dataset, layout, settings.priors, seed))
      : priorHyperparameters(layout, settings.priors);
  const kernel = makeKernel(hyperparameters);
  const basis = buildModelBasis(dataset.encoded, kernel, hyperparameters);
  const loadings = layout.raterVariance ? raterLoadings(dataset.raters.length) : [];
  const ratingRows: RatingRow[] = dataset.ratings.map((r) => ({
    point: r.point,
    rater: loadings.length > 0 ? r.rater : -1,
    value: r.value,
    // A rater's reliability w makes their rating count as w of a rating: its noise variance is σn²/w.
    noise: hyperparameters.noise / r.weight,
  }));
  const equations = ratingEquations(basis, loadings, hyperparameters.raterVariance, ratingRows);
  const preferences = settings.usePreferences ? dataset.preferences : [];
  if (preferences.length === 0) {
    return { dataset, hyperparameters, kernel, basis, ratingRows, loadings, differences: [], posterior: solvePosterior(basis, equations) };
  }
  // A comparison is two perceived qualities, each as noisy as a rating: s = √2·σn.
  const scale: ProbitScale = {
    noise: Math.max(Math.sqrt(2 * hyperparameters.noise), MIN_COMPARISON_NOISE / dataset.scale),
    tieMargin: TIE_MARGIN / dataset.scale,
  };
  const { posterior, differences } = laplaceMode(basis, equations, preferences, scale);
  return { dataset, hyperparameters, kernel, basis, ratingRows, loadings, differences, posterior };
}

function buildModelBasis(points: readonly EncodedPoint[], kernel: Kernel, h: Hyperparameters): Basis {
  // Residual variance below 1% of the rating noise changes nothing a rating could reveal.
  const tolerance = Math.max(1e-2 * h.noise, 1e-9 * h.amplitude);
  return buildBasis(points, kernel, h.amplitude, { maxRank: MAX_RANK, tolerance });
}

/** Each rater's offset in model units (posterior mean of c_r·β); zeros without offsets. */
export function raterOffsets(model: Model): number[] {
  const m = model.basis.rank;
  return model.dataset.raters.map((_, r) => {
    const c = model.loadings[r];
    if (!c) return 0;
    let offset = 0;
    for (let k = 0; k < c.length; k++) offset += c[k]! * model.posterior.mean[m + k]!;
    return offset;
  });
}
