import type { Dataset } from './dataset';
import { fitHyperparameters, priorHyperparameters, type PriorFamily } from './hyperparameters';
import { prepareFitData, type HyperLayout, type Hyperparameters } from './marginalLikelihood';
import { mixSeed, mulberry32 } from './prng';

/**
 * The hyperparameter fit as a self-contained job of plain data: the costly part of a refit, which
 * a host may run in a worker thread while the optimizer conditions on the new ratings with the
 * previous fit's hyperparameters (`OptimizerOptions.hyperparameters`).
 */
export interface FitJob {
  coords: number[][];
  providers: number[];
  raters: number[];
  raterCount: number;
  values: number[];
  layout: HyperLayout;
  priors: PriorFamily;
  starts: number;
  maxIterations: number;
  seed: number;
}

// Cost control, measured in the benchmark: the hyperparameter search sees at most FIT_SUBSET
// ratings (a seeded subset beyond that: hyperparameters need far fewer points than the posterior),
// with fewer restarts once the data are plentiful.
const FIT_SUBSET = 64;
const FIT_ITERATIONS = 50;
const STARTS_SMALL = 4;
const STARTS_LARGE = 2;

export function fitJobOf(dataset: Dataset, layout: HyperLayout, priors: PriorFamily, seed: number): FitJob {
  const random = mulberry32(mixSeed(seed, dataset.ratings.length, 0x6869));
  const order = dataset.ratings.map((_, i) => i);
  if (order.length > FIT_SUBSET) {
    for (let i = 0; i < FIT_SUBSET; i++) {
      const j = i + Math.floor(random() * (order.length - i));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    order.length = FIT_SUBSET;
  }
  const chosen = order.map((i) => dataset.ratings[i]!);
  return {
    coords: chosen.map((r) => Array.from(dataset.encoded[r.point]!.coords)),
    providers: chosen.map((r) => dataset.encoded[r.point]!.provider),
    raters: chosen.map((r) => r.rater),
    raterCount: dataset.raters.length,
    values: chosen.map((r) => r.value),
    layout,
    priors,
    starts: dataset.ratings.length > FIT_SUBSET ? STARTS_LARGE : STARTS_SMALL,
    maxIterations: FIT_ITERATIONS,
    seed: mixSeed(seed, dataset.ratings.length, 0x7374),
  };
}

/** Type-II MAP hyperparameters for a job: the same result wherever it runs. */
export function runFitJob(job: FitJob): Hyperparameters {
  const data = prepareFitData(job.coords.map((c) => Float64Array.from(c)), job.providers, job.raters, job.raterCount, job.values);
  return fitHyperparameters(data, job.layout, { priors: job.priors, starts: job.starts, maxIterations: job.maxIterations, random: mulberry32(job.seed) });
}

/**
 * Hyperparameters fitted on other data, fitted to this layout: a correlation or a rater variance
 * the earlier fit did not have (one provider or one rater then) takes its prior median.
 */
export function adaptHyperparameters(given: Hyperparameters, layout: HyperLayout, priors: PriorFamily): Hyperparameters {
  const prior = priorHyperparameters(layout, priors);
  if (given.lengthscales.length !== layout.dimensions) return prior;
  return {
    ...given,
    lengthscales: [...given.lengthscales],
    providerCorrelation: !layout.correlation ? prior.providerCorrelation : given.providerCorrelation < 1 ? given.providerCorrelation : prior.providerCorrelation,
    raterVariance: !layout.raterVariance ? prior.raterVariance : given.raterVariance > 0 ? given.raterVariance : prior.raterVariance,
  };
}
