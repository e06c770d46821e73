import type { RewardModelRecord, RewardTrainingRow } from '../store';
import { loadClipEncoder, type ClipEncoder, type ClipStatus } from './clip';
import { createFeatureSource, type FeatureCache } from './feature-source';
import { DEFAULT_ENSEMBLE_OPTIONS, type EnsembleOptions, type EnsembleTraining, type Prediction, type RewardSample } from './math/ensemble';
import { readiness, MIN_TRAINING_SAMPLES } from './math/readiness';
import { openModelFile, pruneModelFiles, writeModelFile, type RewardModelSession } from './model-files';
import { createRewardWorker } from './worker-host';

/** What the engine keeps about models in SQLite (core/store's reward repository). */
export interface ModelIndex extends FeatureCache {
  saveModel(model: RewardModelRecord): void;
  latestModel(): RewardModelRecord | undefined;
}

export interface RewardEngineDeps {
  index: ModelIndex;
  dataDir: string;
  /** The bundled models/ folder with the optional CLIP encoder and its manifest. */
  modelsDir: string;
  imagePath(sha256: string): string | null;
  newId(prefix: string): string;
  now(): string;
  log(message: string): void;
  ensemble?: Partial<EnsembleOptions>;
  pairwiseThreshold?: number;
  /** The readiness rule's sample minimum (200); lowered only by tests that exercise the pre-filter. */
  readyMinSamples?: number;
}

/** What a training run reports beside the ensemble's own figures. */
export interface ModelReport extends Omit<EnsembleTraining, 'ensemble'> {
  readiness: string;
  /** Rated images the run looked at, including those it had to skip. */
  rows_seen: number;
  skipped_images: number;
}

const KEEP_MODEL_FILES = 2;

export type TrainOutcome = { trained: true; model: RewardModelRecord } | { trained: false; reason: string };

/**
 * The reward model's moving parts: CLIP encoder, feature source, worker thread, and the current
 * model's onnxruntime session. The service decides when to train; this does the training and the
 * predictions, and never throws for a bad image (it is skipped and counted).
 */
export function createRewardEngine(deps: RewardEngineDeps) {
  const worker = createRewardWorker();
  let clip: { encoder: ClipEncoder | null; status: ClipStatus } = { encoder: null, status: { state: 'not_installed', message: 'Checking the models folder for the CLIP encoder…' } };
  const clipLoaded = loadClipEncoder(deps.modelsDir).then((loaded) => {
    clip = loaded;
    if (loaded.status.state === 'invalid') deps.log(`CLIP encoder: ${loaded.status.message}`);
  });
  const features = createFeatureSource({ cache: deps.index, worker, clip: () => clip.encoder, imagePath: deps.imagePath });
  let current: { record: RewardModelRecord; session: RewardModelSession } | null = null;
  let modelProblem: string | null = null;
  let kept: string[] = [];

  async function use(record: RewardModelRecord): Promise<void> {
    const session = await openModelFile(deps.dataDir, record.file, { sha256: record.sha256, features: record.features, heads: record.heads });
    const previous = current;
    current = { record, session };
    modelProblem = null;
    await previous?.session.close();
  }

  async function samplesOf(rows: readonly RewardTrainingRow[], weightOf: (rater: string) => number): Promise<{ samples: RewardSample[]; skipped: number }> {
    const samples: RewardSample[] = [];
    let skipped = 0;
    for (const row of rows) {
      const vector = await features.ofStored(row.output_sha256);
      if (!vector) {
        skipped++;
        continue;
      }
      samples.push({ features: vector, rating: row.rating, experiment: row.experiment_id, label: row.label, outcome: row.outcome, weight: weightOf(row.rated_by) });
    }
    return { samples, skipped };
  }

  return {
    /** Loads the CLIP encoder and the latest trained model; a broken model file is reported, not fatal. */
    async start(): Promise<void> {
      await clipLoaded;
      const latest = deps.index.latestModel();
      if (!latest) return;
      kept = [latest.file];
      try {
        await use(latest);
      } catch (error) {
        modelProblem = (error as Error).message;
        deps.log(`reward model: ${modelProblem}`);
      }
    },
    clipStatus: () => clip.status,
    featureSet: () => features.featureSet(),
    model: () => current?.record ?? null,
    modelProblem: () => modelProblem,
    /** `weightOf`: each rater's reliability relative to the most reliable one's (core/raters); all 1 by default. */
    async train(rows: readonly RewardTrainingRow[], seed: number, weightOf: (rater: string) => number = () => 1): Promise<TrainOutcome> {
      const featureSet = features.featureSet();
      const { samples, skipped } = await samplesOf(rows, weightOf);
      if (samples.length < MIN_TRAINING_SAMPLES) {
        return { trained: false, reason: `${samples.length} usable rated images; at least ${MIN_TRAINING_SAMPLES} are needed to train (${skipped} could not be read).` };
      }
      const options = { ...DEFAULT_ENSEMBLE_OPTIONS, ...deps.ensemble, seed };
      const { training, onnx } = await worker.train(samples, options, { feature_set: featureSet, trained_at: deps.now() });
      const id = deps.newId('rwd');
      const file = writeModelFile(deps.dataDir, id, onnx);
      const verdict = readiness(samples.length, training.metrics, deps.pairwiseThreshold, deps.readyMinSamples);
      const { ensemble: _weights, ...figures } = training;
      const report: ModelReport = { ...figures, readiness: verdict.reason, rows_seen: rows.length, skipped_images: skipped };
      const record: RewardModelRecord = {
        id,
        created_at: deps.now(),
        ...file,
        feature_set: featureSet,
        features: samples[0]!.features.length,
        heads: options.heads,
        training_samples: samples.length,
        report,
        ready: verdict.ready,
      };
      deps.index.saveModel(record);
      await use(record);
      // The previous model stays on disk beside the new one, for a look back; older ones go.
      kept = [record.file, ...kept].slice(0, KEEP_MODEL_FILES);
      pruneModelFiles(deps.dataDir, kept);
      return { trained: true, model: record };
    },
    /** Predictions of the current model for stored images; null entries for images it cannot read. */
    async predictStored(sha256s: readonly string[]): Promise<(Prediction | null)[]> {
      if (!current) return sha256s.map(() => null);
      const vectors = await Promise.all(sha256s.map((sha) => features.ofStored(sha)));
      const usable = vectors.flatMap((v) => (v && v.length === current!.record.features ? [v] : []));
      const predictions = await current.session.predict(usable);
      let next = 0;
      return vectors.map((v) => (v && v.length === current!.record.features ? predictions[next++]! : null));
    },
    /** Predictions for image bytes that are not stored (pre-filter candidates). */
    async predictBytes(images: readonly { bytes: Buffer; label: string }[]): Promise<Prediction[]> {
      if (!current) throw new Error('No reward model is loaded.');
      const vectors = await Promise.all(images.map((image) => features.ofBytes(image.bytes, image.label)));
      return current.session.predict(vectors);
    },
    /**
     * Ends the worker thread at once: a training or feature job in progress rejects, nothing of it
     * is saved (the ratings it read are in SQLite already), and no job starts after it.
     */
    stopWorker: (): Promise<void> => worker.close(),
    async close(): Promise<void> {
      await clipLoaded;
      await worker.close();
      await current?.session.close();
      await clip.encoder?.close();
      current = null;
    },
  };
}
export type RewardEngine = ReturnType<typeof createRewardEngine>;
