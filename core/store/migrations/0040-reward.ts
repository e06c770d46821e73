import type { Database } from 'better-sqlite3';

// The reward model (Phase 2). Features are cached per image and extractor version, so each
// rated image is measured once; models are files in <dataDir>/models/ indexed here; predictions are
// written before a pair is rated and never afterwards, so "did the model agree with the trainer"
// is measured on predictions the model made without seeing that rating.
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE reward_features (
      sha256 TEXT NOT NULL,
      -- 'classical-v1', or 'clip-<first 12 hex of the encoder file's sha256>'
      extractor TEXT NOT NULL,
      -- float32 little-endian; NULL when the image could not be decoded (error says why)
      vector BLOB,
      error TEXT,
      created_at TEXT NOT NULL,
      PRIMARY KEY (sha256, extractor),
      CHECK ((vector IS NULL) <> (error IS NULL))
    ) STRICT;

    CREATE TABLE reward_models (
      id TEXT PRIMARY KEY,
      created_at TEXT NOT NULL,
      file TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      feature_set TEXT NOT NULL,
      features INTEGER NOT NULL CHECK (features > 0),
      heads INTEGER NOT NULL CHECK (heads > 0),
      training_samples INTEGER NOT NULL,
      -- held-out metrics, the mean baseline, per-head epochs: what reward.status shows
      report_json TEXT NOT NULL,
      ready INTEGER NOT NULL CHECK (ready IN (0, 1))
    ) STRICT;

    CREATE TABLE reward_predictions (
      option_id TEXT PRIMARY KEY REFERENCES options (id),
      model_id TEXT NOT NULL REFERENCES reward_models (id),
      mean REAL NOT NULL,
      std REAL NOT NULL,
      predicted_at TEXT NOT NULL
    ) STRICT;

    -- What the pre-filter did for a pair: the candidates it generated and their predictions.
    CREATE TABLE reward_prefilter (
      experiment_id TEXT PRIMARY KEY REFERENCES experiments (id),
      model_id TEXT NOT NULL REFERENCES reward_models (id),
      details_json TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
  `);
}
