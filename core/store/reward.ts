import type { Database } from 'better-sqlite3';
import { COUNTS_FOR_LEARNING } from './quality';
import type { RatingFigures } from './rating-figures';
import type { Mode, OptionLabel, Outcome, Parameters } from '../api';

export interface RewardModelRecord {
  id: string;
  created_at: string;
  file: string;
  sha256: string;
  feature_set: string;
  features: number;
  heads: number;
  training_samples: number;
  report: unknown;
  ready: boolean;
}

/** One rated option with its output image: a training sample of the reward model. */
export interface RewardTrainingRow {
  option_id: string;
  experiment_id: string;
  mode: Mode;
  label: OptionLabel;
  output_sha256: string;
  rating: number;
  outcome: Outcome;
  rated_by: string;
}

export type CachedFeatures = { vector: Float32Array } | { error: string };

const toBlob = (vector: Float32Array) => Buffer.from(vector.buffer.slice(vector.byteOffset, vector.byteOffset + vector.byteLength));
const fromBlob = (blob: Buffer) => new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));

export function createRewardRepository(db: Database, now: () => string, figures: RatingFigures) {
  const selectFeatures = db.prepare('SELECT vector, error FROM reward_features WHERE sha256 = ? AND extractor = ?');
  const upsertFeatures = db.prepare(
    `INSERT INTO reward_features (sha256, extractor, vector, error, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (sha256, extractor) DO UPDATE SET vector = excluded.vector, error = excluded.error, created_at = excluded.created_at`,
  );
  const trainingRows = db.prepare(
    `SELECT o.id AS option_id, e.id AS experiment_id, e.mode, o.label, o.output_sha256,
            CASE o.label WHEN 'A' THEN r.rating_a ELSE r.rating_b END AS rating, r.outcome, r.rated_by
       FROM effective_ratings r
       JOIN experiments e ON e.id = r.experiment_id
       JOIN options o ON o.experiment_id = e.id
      WHERE o.output_sha256 IS NOT NULL AND ${COUNTS_FOR_LEARNING}
      ORDER BY r.answered_at, r.seq, o.label`,
  );
  const insertModel = db.prepare(
    `INSERT INTO reward_models (id, created_at, file, sha256, feature_set, features, heads, training_samples, report_json, ready)
     VALUES (@id, @created_at, @file, @sha256, @feature_set, @features, @heads, @training_samples, @report_json, @ready)`,
  );
  const latestModel = db.prepare('SELECT * FROM reward_models ORDER BY created_at DESC, id DESC LIMIT 1');
  // Only pairs not yet rated get (new) predictions: a rated pair keeps what the model said before.
  const unpredicted = db.prepare(
    `SELECT o.id AS option_id, o.output_sha256 FROM options o JOIN experiments e ON e.id = o.experiment_id
      LEFT JOIN reward_predictions p ON p.option_id = o.id
      WHERE e.status IN ('generating', 'ready') AND o.output_sha256 IS NOT NULL AND (p.model_id IS NULL OR p.model_id <> ?)
      ORDER BY o.id`,
  );
  const upsertPrediction = db.prepare(
    `INSERT INTO reward_predictions (option_id, model_id, mean, std, predicted_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (option_id) DO UPDATE SET model_id = excluded.model_id, mean = excluded.mean, std = excluded.std, predicted_at = excluded.predicted_at`,
  );
  const setPredicted = db.prepare(
    `UPDATE options SET predicted_rating = ? WHERE id = ? AND experiment_id IN (SELECT id FROM experiments WHERE status IN ('generating', 'ready'))`,
  );
  const selectPrediction = db.prepare('SELECT model_id, mean, std FROM reward_predictions WHERE option_id = ?');
  // Each rated pair whose two options were predicted before the rating, with what decides whether it
  // can count: the outcome, both predictions, and whether the images could be told apart.
  const predictedPairs = db.prepare(
    `SELECT r.outcome, pa.mean AS predictedA, pb.mean AS predictedB,
            (oa.output_sha256 = ob.output_sha256
              OR (SELECT c.told_apart FROM pair_checks c WHERE c.experiment_id = e.id ORDER BY c.attempt DESC LIMIT 1) = 0) AS indistinct
       FROM effective_ratings r
       JOIN experiments e ON e.id = r.experiment_id
       JOIN options oa ON oa.experiment_id = e.id AND oa.label = 'A'
       JOIN options ob ON ob.experiment_id = e.id AND ob.label = 'B'
       JOIN reward_predictions pa ON pa.option_id = oa.id
       JOIN reward_predictions pb ON pb.option_id = ob.id
      WHERE pa.predicted_at <= r.answered_at AND pb.predicted_at <= r.answered_at
        AND (@mode IS NULL OR e.mode = @mode)`,
  );
  // The pre-filter swaps a slot's planned parameters for the candidate it chose, before any output exists.
  const replacePlan = db.prepare('UPDATE options SET parameters_json = ?, origin = ?, seed = ? WHERE id = ? AND output_sha256 IS NULL');
  const insertPrefilter = db.prepare('INSERT OR REPLACE INTO reward_prefilter (experiment_id, model_id, details_json, created_at) VALUES (?, ?, ?, ?)');
  const selectPrefilter = db.prepare('SELECT details_json FROM reward_prefilter WHERE experiment_id = ?');

  const toModel = (row: Record<string, unknown>): RewardModelRecord => {
    const { report_json, ready, ...rest } = row as Omit<RewardModelRecord, 'report' | 'ready'> & { report_json: string; ready: number };
    return { ...rest, report: JSON.parse(report_json), ready: ready === 1 };
  };

  return {
    features(sha256: string, extractor: string): CachedFeatures | undefined {
      const row = selectFeatures.get(sha256, extractor) as { vector: Buffer | null; error: string | null } | undefined;
      if (!row) return undefined;
      return row.vector ? { vector: fromBlob(row.vector) } : { error: row.error! };
    },
    saveFeatures(sha256: string, extractor: string, vector: Float32Array): void {
      upsertFeatures.run(sha256, extractor, toBlob(vector), null, now());
    },
    /** Remembers an image that cannot be decoded, so it is not decoded again on every training run. */
    saveFeatureError(sha256: string, extractor: string, message: string): void {
      upsertFeatures.run(sha256, extractor, null, message, now());
    },
    trainingRows(): RewardTrainingRow[] {
      return trainingRows.all() as RewardTrainingRow[];
    },
    /** How many rated images the model can train on (kept, not counted per rating). */
    trainingCount: (): number => figures.trainingCount(),
    saveModel(model: RewardModelRecord): void {
      insertModel.run({ ...model, report_json: JSON.stringify(model.report), ready: model.ready ? 1 : 0 });
    },
    latestModel(): RewardModelRecord | undefined {
      const row = latestModel.get() as Record<string, unknown> | undefined;
      return row ? toModel(row) : undefined;
    },
    unpredictedOptions(modelId: string): { option_id: string; output_sha256: string }[] {
      return unpredicted.all(modelId) as { option_id: string; output_sha256: string }[];
    },
    savePredictions(modelId: string, predictions: { option_id: string; mean: number; std: number }[]): void {
      const at = now();
      db.transaction(() => {
        for (const p of predictions) {
          upsertPrediction.run(p.option_id, modelId, p.mean, p.std, at);
          setPredicted.run(p.mean, p.option_id);
        }
      })();
    },
    prediction(optionId: string): { model_id: string; mean: number; std: number } | undefined {
      return selectPrediction.get(optionId) as { model_id: string; mean: number; std: number } | undefined;
    },
    /** Rated pairs both of whose options were predicted before the rating (core/reward's agreementOf counts them). */
    predictedPairs(mode?: Mode): { outcome: Outcome; predictedA: number; predictedB: number; indistinct: boolean }[] {
      const rows = predictedPairs.all({ mode: mode ?? null }) as { outcome: Outcome; predictedA: number; predictedB: number; indistinct: number | null }[];
      return rows.map((row) => ({ ...row, indistinct: row.indistinct === 1 }));
    },
    replaceOptionPlan(optionId: string, parameters: Parameters, origin: string, seed: number): void {
      replacePlan.run(JSON.stringify(parameters), origin, seed, optionId);
    },
    savePrefilter(experimentId: string, modelId: string, details: unknown): void {
      insertPrefilter.run(experimentId, modelId, JSON.stringify(details), now());
    },
    prefilter(experimentId: string): unknown {
      const row = selectPrefilter.get(experimentId) as { details_json: string } | undefined;
      return row ? JSON.parse(row.details_json) : null;
    },
  };
}
export type RewardRepository = ReturnType<typeof createRewardRepository>;
