import { mixSeed } from '../optimizer';
import { MIN_TRAINING_SAMPLES, type ModelReport, type RewardEngine } from '../reward';
import { raterFigures, relativeWeights, reliabilityWeights } from '../raters';
import { createTask, type Clock } from '../schedule';
import type { Store } from '../store';

/** A new model is trained after this many new rated images (five pairs), as ratings come in. */
export const RETRAIN_EVERY = 10;
/** Ratings arrive seconds apart: wait this long after the last one before starting a run. */
const RETRAIN_DEBOUNCE_MS = 3000;
const PREDICT_DEBOUNCE_MS = 300;

export interface RetrainingDeps {
  store: Store;
  engine: RewardEngine;
  clock: Clock;
  seed: number;
  /** Called when a run starts or ends, once it no longer counts as running. */
  onChange(): void;
  /** Told once predictions are saved: how many options of the waiting pairs got one, from which model. */
  onPredicted?(modelId: string, options: number): void;
  log(message: string): void;
  debounceMs?: number;
}

/**
 * When the reward model trains and predicts, after ratings: every 10 new rated images, debounced,
 * one run at a time (a request during a run makes one more after it), never in a rating's request.
 * Predictions of the pairs waiting in the queue follow each run and each queue change.
 */
export function createRetraining(deps: RetrainingDeps) {
  const { store, engine } = deps;
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

  const training = createTask(deps.clock, () => (deps.onChange(), run()), {
    delayMs: deps.debounceMs ?? RETRAIN_DEBOUNCE_MS,
    stillDue: due,
    settled: () => {
      deps.onChange();
      predictions.soon();
    },
    report: (error) => {
      attemptedAt = null;
      lastError = `Training failed: ${error.message.replace(/\.$/, '')}. The app keeps rating; the next rating retries.`;
      deps.log(`reward model: ${lastError}`);
    },
  });

  async function predictPending(): Promise<void> {
    const model = engine.model();
    if (!model) return;
    const pending = store.reward.unpredictedOptions(model.id);
    if (pending.length === 0) return;
    const predicted = await engine.predictStored(pending.map((p) => p.output_sha256));
    const rows = pending.flatMap((p, i) => (predicted[i] ? [{ option_id: p.option_id, mean: predicted[i]!.mean, std: predicted[i]!.std }] : []));
    if (engine.model()?.id !== model.id) return;
    store.reward.savePredictions(model.id, rows);
    deps.onPredicted?.(model.id, rows.length);
  }
  const predictions = createTask(deps.clock, predictPending, {
    delayMs: PREDICT_DEBOUNCE_MS,
    report: (error) => deps.log(`reward predictions: ${error.message}`),
  });

  return {
    /** Starts a run now, or once the current one ends; resolves when the model is up to date. */
    train: (): Promise<void> => training.now(),
    /** After a rating, an undo or a pull: retrain shortly when enough new rated images arrived. */
    trainSoon(): void {
      if (due()) training.soon();
    },
    /** After the queue changed: predict the new pairs shortly. */
    predictSoon: () => predictions.soon(),
    training: () => training.running(),
    /** The rated-image count the running or the last run started from; null before the first. */
    attemptedAt: () => attemptedAt,
    /** Why the last run failed (or the model file could not be used); null after a run that worked. */
    problem: () => lastError,
    /** Why the last run made no model (too few usable images); null otherwise. */
    note: () => lastNote,
    /** A model file that could not be used at start: reported until a run replaces it. */
    setProblem(message: string): void {
      lastError = message;
    },
    report,
    async close(): Promise<void> {
      await training.close();
      await predictions.close();
    },
  };
}
export type Retraining = ReturnType<typeof createRetraining>;
