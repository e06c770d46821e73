import { mixSeed, mulberry32 } from '../../optimizer';
import { rewardMetrics, type PredictedPair, type RewardMetrics } from './metrics';
import { predictHead, type MlpHead } from './mlp';
import { permutation, SEED_TRAIN_OPTIONS, trainHead, type TrainOptions } from './train';

/** One rated option: its feature vector, its rating, and the pair it was rated in. */
export interface RewardSample {
  features: Float32Array;
  rating: number;
  experiment: string;
  label: 'A' | 'B';
  outcome: 'A' | 'B' | 'tie' | 'both_bad';
  /** The rater's reliability in (0, 1] (core/raters): the row's squared error counts this much. Default 1. */
  weight?: number;
}

/** `(x − mean) / scale`, part of the model (and of its ONNX graph), fitted on the training pool. */
export interface Standardiser {
  mean: Float32Array;
  scale: Float32Array;
}

export interface Ensemble {
  standardiser: Standardiser;
  heads: MlpHead[];
}

export interface EnsembleOptions extends TrainOptions {
  heads: number;
  /** Share of pairs held out for the reported metrics, and share of each head's pool kept for early stopping. */
  holdout: number;
  validation: number;
  seed: number;
}

export const DEFAULT_ENSEMBLE_OPTIONS: EnsembleOptions = { ...SEED_TRAIN_OPTIONS, heads: 5, holdout: 0.2, validation: 0.2, seed: 1 };

export interface EnsembleTraining {
  ensemble: Ensemble;
  /** On the held-out pairs, which no head saw. */
  metrics: RewardMetrics;
  /** The same held-out pairs predicted by the training pool's mean rating. */
  baseline: RewardMetrics;
  heads: { epochs: number; bestEpoch: number; stoppedEarly: boolean; validationLoss: number }[];
  split: { pool: number; holdout: number };
}

export function fitStandardiser(rows: readonly Float32Array[]): Standardiser {
  const d = rows[0]!.length;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (const row of rows) for (let i = 0; i < d; i++) mean[i]! += row[i]! / rows.length;
  for (const row of rows) for (let i = 0; i < d; i++) sq[i]! += (row[i]! - mean[i]!) ** 2 / rows.length;
  // A feature that never varies in training (e.g. no clipped highlights anywhere) gets scale 1,
  // so it standardises to its offset instead of dividing by zero.
  return { mean: Float32Array.from(mean), scale: Float32Array.from(sq, (v) => (Math.sqrt(v) > 1e-6 ? Math.sqrt(v) : 1)) };
}

export function standardise(s: Standardiser, row: ArrayLike<number>): Float32Array {
  const out = new Float32Array(s.mean.length);
  // Float32 throughout, as the ONNX graph computes it, so the two paths agree to rounding.
  for (let i = 0; i < out.length; i++) out[i] = Math.fround(Math.fround(row[i]! - s.mean[i]!) / s.scale[i]!);
  return out;
}

export interface Prediction {
  mean: number;
  /** Population standard deviation of the heads' ratings: the ensemble's uncertainty. */
  std: number;
  heads: number[];
}

export function summarise(heads: readonly number[]): Prediction {
  const mean = heads.reduce((a, b) => a + b, 0) / heads.length;
  const std = Math.sqrt(heads.reduce((a, b) => a + (b - mean) ** 2, 0) / heads.length);
  return { mean, std, heads: [...heads] };
}

/** The TypeScript forward pass of the whole ensemble (the reference the ONNX graph must match). */
export function predictEnsemble(ensemble: Ensemble, features: ArrayLike<number>): Prediction {
  const x = standardise(ensemble.standardiser, features);
  return summarise(ensemble.heads.map((head) => predictHead(head, x)));
}

/** Decisive pairs (the trainer preferred A or B) among samples, by index into `predicted`. */
export function decisivePairs(samples: readonly RewardSample[], predicted: readonly number[]): PredictedPair[] {
  const byExperiment = new Map<string, { A?: number; B?: number; outcome: string }>();
  samples.forEach((s, i) => {
    const entry = byExperiment.get(s.experiment) ?? { outcome: s.outcome };
    entry[s.label] = i;
    byExperiment.set(s.experiment, entry);
  });
  const pairs: PredictedPair[] = [];
  for (const { A, B, outcome } of byExperiment.values()) {
    if (A === undefined || B === undefined || (outcome !== 'A' && outcome !== 'B')) continue;
    const [w, l] = outcome === 'A' ? [A, B] : [B, A];
    pairs.push({ winner: predicted[w]!, loser: predicted[l]! });
  }
  return pairs;
}

/** Splits samples by pair, so both options of a pair always land on the same side. */
function splitByExperiment(samples: readonly number[], all: readonly RewardSample[], share: number, random: () => number) {
  const experiments = [...new Set(samples.map((i) => all[i]!.experiment))];
  const order = permutation(experiments.length, random);
  const cut = Math.round(experiments.length * share);
  const held = new Set(order.slice(0, cut).map((k) => experiments[k]!));
  return {
    held: samples.filter((i) => held.has(all[i]!.experiment)),
    rest: samples.filter((i) => !held.has(all[i]!.experiment)),
  };
}

/**
 * Trains the ensemble. Held-out pairs (20%) are set aside for the metrics first. Each head then
 * draws its own 20% of the remaining pairs for early stopping and trains on a bootstrap resample of
 * the rest; different resamples and initialisations make the heads disagree where data is thin,
 * and that disagreement is the uncertainty active learning uses.
 */
export function trainEnsemble(samples: readonly RewardSample[], options: EnsembleOptions = DEFAULT_ENSEMBLE_OPTIONS): EnsembleTraining {
  if (samples.length < 4) throw new Error(`${samples.length} rated images are too few to train on`);
  const outer = mulberry32(mixSeed(options.seed, 0));
  const { held: holdout, rest: pool } = splitByExperiment(samples.map((_, i) => i), samples, options.holdout, outer);
  const standardiser = fitStandardiser(pool.map((i) => samples[i]!.features));
  const x = samples.map((s) => standardise(standardiser, s.features));
  const heads: MlpHead[] = [];
  const report: EnsembleTraining['heads'] = [];
  for (let h = 0; h < options.heads; h++) {
    const random = mulberry32(mixSeed(options.seed, h + 1));
    const { held: validation, rest } = splitByExperiment(pool, samples, options.validation, random);
    const bootstrap = Array.from({ length: rest.length }, () => rest[Math.floor(random() * rest.length)]!);
    const trained = trainHead(
      { x: bootstrap.map((i) => x[i]!), y: bootstrap.map((i) => samples[i]!.rating), weight: bootstrap.map((i) => samples[i]!.weight ?? 1) },
      { x: validation.map((i) => x[i]!), y: validation.map((i) => samples[i]!.rating), weight: validation.map((i) => samples[i]!.weight ?? 1) },
      options,
      random,
    );
    heads.push(trained.head);
    report.push({
      epochs: trained.trainLoss.length,
      bestEpoch: trained.bestEpoch,
      stoppedEarly: trained.stoppedEarly,
      validationLoss: trained.validationLoss[Math.max(0, trained.bestEpoch - 1)] ?? NaN,
    });
  }
  const ensemble = { standardiser, heads };
  const tested = holdout.map((i) => samples[i]!);
  const predicted = holdout.map((i) => summarise(heads.map((head) => predictHead(head, x[i]!))).mean);
  const actual = tested.map((s) => s.rating);
  const poolMean = pool.reduce((a, i) => a + samples[i]!.rating, 0) / pool.length;
  const flat = tested.map(() => poolMean);
  return {
    ensemble,
    metrics: rewardMetrics(predicted, actual, decisivePairs(tested, predicted)),
    baseline: rewardMetrics(flat, actual, decisivePairs(tested, flat)),
    heads: report,
    split: { pool: pool.length, holdout: holdout.length },
  };
}
