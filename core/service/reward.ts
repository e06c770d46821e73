import { ApiError, type CallOutput, type CallParsedInput, type Mode } from '../api';
import {
  agreementOf,
  createRewardEngine,
  DEFAULT_PAIRWISE_THRESHOLD,
  MIN_TRAINING_SAMPLES,
  READY_MIN_SAMPLES,
  type Prediction,
  type RewardEngineDeps,
} from '../reward';
import { createRetraining, RETRAIN_EVERY } from '../learning';
import { realClock, type Clock } from '../schedule';
import type { Store } from '../store';

/** The engine's own needs (paths, clock, ids, training options) plus what the service adds. */
export interface RewardServiceDeps extends Omit<RewardEngineDeps, 'index'> {
  store: Store;
  seed: number;
  /** Called when the model's status changes (a model loaded, a run started or finished). */
  onChange(): void;
  /** Told once predictions of the waiting pairs are saved. */
  onPredicted?(modelId: string, options: number): void;
  retrainDebounceMs?: number;
  /** The debounces' time; the real clock by default. */
  clock?: Clock;
}

/**
 * Phase 2 in the service: the engine, its retraining schedule (core/learning: every 10 new rated
 * images, debounced, never in the rating's own request, predictions of the waiting pairs after),
 * and the answers to `reward.*` and the `phase_2` block of `train.status`.
 */
export function createRewardService(deps: RewardServiceDeps) {
  const { store } = deps;
  const threshold = deps.pairwiseThreshold ?? DEFAULT_PAIRWISE_THRESHOLD;
  const engine = createRewardEngine({ ...deps, index: store.reward, pairwiseThreshold: threshold });
  const retraining = createRetraining({
    store,
    engine,
    clock: deps.clock ?? realClock,
    seed: deps.seed,
    onChange: deps.onChange,
    onPredicted: deps.onPredicted,
    log: deps.log,
    debounceMs: deps.retrainDebounceMs,
  });
  const { report, train, trainSoon, predictSoon } = retraining;

  const started = engine
    .start()
    .then(() => {
      // A damaged model file is reported until the next rating retrains from the ratings table.
      if (engine.modelProblem()) retraining.setProblem(`${engine.modelProblem()} Rating goes on without predictions meanwhile.`);
      else trainSoon();
      // A model file it loaded (or could not use) changes the status page.
      if (engine.model() || engine.modelProblem()) deps.onChange();
      predictSoon();
    })
    .catch((error: unknown) => deps.log(`reward model could not start: ${(error as Error).message}`));

  function state(count: number): Pick<CallOutput<'reward.status'>, 'state' | 'message'> {
    const model = engine.model();
    // A run trains on the rated images there were when it started, not on those rated since.
    if (retraining.training()) return { state: 'training', message: `Training on ${retraining.attemptedAt() ?? count} rated images in the background; rating goes on.` };
    const lastError = retraining.problem();
    if (lastError) return { state: 'failed', message: lastError };
    if (!model) {
      const lastNote = retraining.note();
      if (lastNote) return { state: 'collecting', message: lastNote };
      return { state: 'collecting', message: `${count} of ${MIN_TRAINING_SAMPLES} rated images needed for a first model; predictions are used from ${deps.readyMinSamples ?? READY_MIN_SAMPLES} on.` };
    }
    const readiness = report()?.readiness ?? '';
    return model.ready ? { state: 'ready', message: readiness } : { state: 'not_ready', message: `Not used for pre-filtering yet: ${readiness}` };
  }

  /**
   * The rated-image count at which the next run starts: 10 past what the running or the last run
   * trained on (20 for the first), or the count now when that is passed: a run is then due, after
   * the running one or the debounce. Never a count already passed.
   */
  function nextTrainingAt(count: number): number {
    const attemptedAt = retraining.attemptedAt();
    const after =
      retraining.training() && attemptedAt !== null
        ? attemptedAt + RETRAIN_EVERY
        : engine.model()
          ? (report()?.rows_seen ?? 0) + RETRAIN_EVERY
          : attemptedAt === null
            ? MIN_TRAINING_SAMPLES
            : attemptedAt + RETRAIN_EVERY;
    return Math.max(after, count);
  }

  function status(mode?: Mode): CallOutput<'reward.status'> {
    const count = store.reward.trainingCount();
    const model = engine.model();
    const r = report();
    const agreement = agreementOf(store.reward.predictedPairs(mode));
    return {
      ...state(count),
      training: retraining.training(),
      feature_set: engine.featureSet(),
      clip: engine.clipStatus(),
      training_samples: count,
      skipped_images: r?.skipped_images ?? 0,
      min_training_samples: MIN_TRAINING_SAMPLES,
      ready_min_samples: deps.readyMinSamples ?? READY_MIN_SAMPLES,
      pairwise_threshold: threshold,
      retrain_every: RETRAIN_EVERY,
      next_training_at_samples: nextTrainingAt(count),
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
      agreement,
      last_error: retraining.problem(),
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
      // The worker first, so a training in progress ends now instead of being waited for.
      await engine.stopWorker();
      await retraining.close();
      await started;
      await engine.close();
    },
  };
}
export type RewardService = ReturnType<typeof createRewardService>;
