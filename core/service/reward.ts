import { ApiError, type CallOutput, type CallParsedInput, type Mode } from '../api';
import { mixSeed } from '../optimizer';
import {
  createRewardEngine,
  DEFAULT_PAIRWISE_THRESHOLD,
  MIN_TRAINING_SAMPLES,
  READY_MIN_SAMPLES,
  type ModelReport,
  type Prediction,
  type RewardEngineDeps,
} from '../reward';
import { raterFigures, relativeWeights, reliabilityWeights } from '../raters';
import { createTask, realClock, type Clock } from '../schedule';
import type { Store } from '../store';

/** A new model is trained after this many new rated images (five pairs), as ratings come in. */
export const RETRAIN_EVERY = 10;
/** Ratings arrive seconds apart: wait this long after the last one before starting a run. */
const RETRAIN_DEBOUNCE_MS = 3000;
const PREDICT_DEBOUNCE_MS = 300;

/** The engine's own needs (paths, clock, ids, training options) plus what the service adds. */
export interface RewardServiceDeps extends Omit<RewardEngineDeps, 'index'> {
  store: Store;
  seed: number;
  /** Called when the model's status changes (a run started or finished, predictions written). */
  onChange(): void;
  retrainDebounceMs?: number;
  /** The debounces' time; the real clock by default. */
  clock?: Clock;
}

/**
 * Phase 2 in the service: decides when to train (every 10 new rated images, debounced, never in the
 * rating's own request), keeps predictions of the pairs waiting in the queue up to date, and answers
 * `reward.*` and the `phase_2` block of `train.status`.
 */
export function createRewardService(deps: RewardServiceDeps) {
  const { store } = deps;
  const threshold = deps.pairwiseThreshold ?? DEFAULT_PAIRWISE_THRESHOLD;
  const engine = createRewardEngine({ ...deps, index: store.reward, pairwiseThreshold: threshold });
  const clock = deps.clock ?? realClock;
  let lastError: string | null = null;
  let lastNote: string | null = null;
  let attemptedAt: number | null = null;
  let runs = 0;

  const report = () => (engine.model()?.report ?? null) as ModelReport | null;

  function due(): boolean {
    const count = store.reward.trainingCount();
    const model = engine.model();
    // Without a model: train at 20 rated images; after a run that found too few usable ones, wait for 10 more.
    if (!model) return count >= MIN_TRAINING_SAMPLES && (attemptedAt === null || count - attemptedAt >= RETRAIN_EVERY);
    if (model.feature_set !== engine.featureSet()) return true;
    return count - (report()?.rows_seen ?? 0) >= RETRAIN_EVERY;
  }

  async function run(): Promise<void> {
    lastNote = null;
    const rows = store.reward.trainingRows();
    attemptedAt = rows.length;
    // Gold pairs and repeats are not training rows, but they measure how far to trust each rater.
    const weights = reliabilityWeights(raterFigures(store.quality.raterAnswers()).raters);
    const outcome = await engine.train(rows, mixSeed(deps.seed, ++runs), relativeWeights(weights, new Set(rows.map((r) => r.rated_by))));
    if (outcome.trained) {
      deps.log(`reward model ${outcome.model.id} trained on ${outcome.model.training_samples} rated images; ${report()?.readiness}`);
    } else {
      lastNote = outcome.reason;
    }
    lastError = null;
  }

  // One training run at a time; a request during a run makes one more after it. `settled` tells the
  // status page once the run no longer counts as training.
  const training = createTask(clock, () => (deps.onChange(), run()), {
    delayMs: deps.retrainDebounceMs ?? RETRAIN_DEBOUNCE_MS,
    stillDue: due,
    settled: () => {
      deps.onChange();
      predictions.soon();
    },
    report: (error) => {
      attemptedAt = null;
      lastError = `Training failed: ${error.message}. The app keeps rating; the next rating retries.`;
      deps.log(`reward model: ${lastError}`);
    },
  });
  /** Starts a run now, or once the current one ends; resolves when the model is up to date. */
  const train = (): Promise<void> => training.now();
  function trainSoon(): void {
    if (due()) training.soon();
  }

  async function predictPending(): Promise<void> {
    const model = engine.model();
    if (!model) return;
    const pending = store.reward.unpredictedOptions(model.id);
    if (pending.length === 0) return;
    const predictions = await engine.predictStored(pending.map((p) => p.output_sha256));
    const rows = pending.flatMap((p, i) => (predictions[i] ? [{ option_id: p.option_id, mean: predictions[i]!.mean, std: predictions[i]!.std }] : []));
    if (engine.model()?.id === model.id) store.reward.savePredictions(model.id, rows);
  }
  const predictions = createTask(clock, predictPending, {
    delayMs: PREDICT_DEBOUNCE_MS,
    report: (error) => deps.log(`reward predictions: ${error.message}`),
  });
  const predictSoon = () => predictions.soon();

  const started = engine
    .start()
    .then(() => {
      // A damaged model file is reported until the next rating retrains from the ratings table.
      if (engine.modelProblem()) lastError = `${engine.modelProblem()} Rating goes on without predictions meanwhile.`;
      else trainSoon();
      predictSoon();
    })
    .catch((error: unknown) => deps.log(`reward model could not start: ${(error as Error).message}`));

  function state(count: number): Pick<CallOutput<'reward.status'>, 'state' | 'message'> {
    const model = engine.model();
    if (training.running()) return { state: 'training', message: `Training on ${count} rated images in the background; rating goes on.` };
    if (lastError) return { state: 'failed', message: lastError };
    if (!model) {
      if (lastNote) return { state: 'collecting', message: lastNote };
      return { state: 'collecting', message: `${count} of ${MIN_TRAINING_SAMPLES} rated images needed for a first model; predictions are used from ${deps.readyMinSamples ?? READY_MIN_SAMPLES} on.` };
    }
    const readiness = report()?.readiness ?? '';
    return model.ready ? { state: 'ready', message: readiness } : { state: 'not_ready', message: `Not used for pre-filtering yet: ${readiness}` };
  }

  function status(mode?: Mode): CallOutput<'reward.status'> {
    const count = store.reward.trainingCount();
    const model = engine.model();
    const r = report();
    const agreement = store.reward.agreement(mode);
    return {
      ...state(count),
      training: training.running(),
      feature_set: engine.featureSet(),
      clip: engine.clipStatus(),
      training_samples: count,
      skipped_images: r?.skipped_images ?? 0,
      min_training_samples: MIN_TRAINING_SAMPLES,
      ready_min_samples: deps.readyMinSamples ?? READY_MIN_SAMPLES,
      pairwise_threshold: threshold,
      retrain_every: RETRAIN_EVERY,
      next_training_at_samples: model ? (r?.rows_seen ?? 0) + RETRAIN_EVERY : Math.max(MIN_TRAINING_SAMPLES, count),
      model:
        model && r
          ? {
              id: model.id,
              created_at: model.created_at,
              feature_set: model.feature_set,
              training_samples: model.training_samples,
              heads: model.heads,
              ready: model.ready,
              readiness: r.readiness,
              metrics: r.metrics,
              baseline: r.baseline,
              epochs: r.heads.map((h) => ({ epochs: h.epochs, best_epoch: h.bestEpoch, stopped_early: h.stoppedEarly })),
            }
          : null,
      agreement: { ...agreement, rate: agreement.pairs ? agreement.agreed / agreement.pairs : null },
      last_error: lastError,
    };
  }

  const ready = () => {
    const model = engine.model();
    return model !== null && model.ready && model.feature_set === engine.featureSet();
  };

  return {
    started,
    status,
    ready,
    /** The seed's `phase_2` block: accuracy is the held-out pairwise accuracy (see README, "Reward model"). */
    phase2(): CallOutput<'train.status'>['phase_2'] {
      const model = engine.model();
      return {
        active: true,
        training_samples: store.reward.trainingCount(),
        model_accuracy: report()?.metrics.pairwise_accuracy ?? null,
        ready_for_inference: model !== null && ready(),
      };
    },
    /** After a rating, an undo or a pull: retrain when enough new rated images arrived. */
    onRatingsChanged: trainSoon,
    /** After the queue changed: predict the new pairs. */
    onQueueChanged: predictSoon,
    train,
    modelId: () => engine.model()?.id ?? null,
    predictBytes: (images: readonly { bytes: Buffer; label: string }[]): Promise<Prediction[]> => engine.predictBytes(images),
    handlers() {
      return {
        'reward.status': (input: CallParsedInput<'reward.status'>) => status(input.mode),
        async 'reward.train'(): Promise<CallOutput<'reward.train'>> {
          const count = store.reward.trainingCount();
          if (count < MIN_TRAINING_SAMPLES) {
            throw new ApiError('conflict', `Only ${count} rated images: rate at least ${MIN_TRAINING_SAMPLES / 2} pairs before training the reward model.`);
          }
          // Training takes a while: answer at once with "training"; reward.status tells when it ends.
          void train();
          return status();
        },
        'reward.predictions'(input: CallParsedInput<'reward.predictions'>): CallOutput<'reward.predictions'> {
          const experiment = store.experiments.get(input.experiment_id);
          if (!experiment) throw new ApiError('not_found', `No pair ${input.experiment_id} on this workstation.`);
          return {
            experiment_id: experiment.id,
            options: experiment.options.map((o) => {
              const p = store.reward.prediction(o.id);
              return { option: o.label, option_id: o.id, predicted_rating: p?.mean ?? null, uncertainty: p?.std ?? null, model_id: p?.model_id ?? null };
            }),
            prefilter: store.reward.prefilter(experiment.id) as CallOutput<'reward.predictions'>['prefilter'],
          };
        },
      };
    },
    async close(): Promise<void> {
      await training.close();
      await predictions.close();
      await started;
      await engine.close();
    },
  };
}
export type RewardService = ReturnType<typeof createRewardService>;
