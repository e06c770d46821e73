import type { Database } from 'better-sqlite3';

// Ratings are immutable: an undo or a correction is a new row that supersedes the old one, and
// triggers make UPDATE/DELETE on them fail, so no code path can lose a rating by accident.
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE images (
      sha256 TEXT PRIMARY KEY,
      mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
      width INTEGER NOT NULL CHECK (width > 0),
      height INTEGER NOT NULL CHECK (height > 0),
      bytes INTEGER NOT NULL CHECK (bytes > 0),
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE source_images (
      sha256 TEXT PRIMARY KEY REFERENCES images (sha256),
      name TEXT NOT NULL,
      sample_id TEXT UNIQUE,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE experiments (
      id TEXT PRIMARY KEY CHECK (id LIKE 'exp\\_%' ESCAPE '\\'),
      source_sha256 TEXT NOT NULL REFERENCES source_images (sha256),
      mode TEXT NOT NULL CHECK (mode IN ('structure', 'surfaces')),
      status TEXT NOT NULL CHECK (status IN ('generating', 'ready', 'rated', 'skipped', 'failed')),
      priority INTEGER NOT NULL DEFAULT 0,
      project_id TEXT,
      site_visit_id TEXT,
      created_at TEXT NOT NULL,
      ready_at TEXT,
      error TEXT
    ) STRICT;
    CREATE INDEX experiments_queue ON experiments (status, priority DESC, created_at);

    CREATE TABLE options (
      id TEXT PRIMARY KEY,
      experiment_id TEXT NOT NULL REFERENCES experiments (id),
      label TEXT NOT NULL CHECK (label IN ('A', 'B')),
      provider TEXT NOT NULL,
      parameters_json TEXT NOT NULL,
      origin TEXT NOT NULL,
      prompt_version TEXT NOT NULL,
      seed INTEGER NOT NULL,
      output_sha256 TEXT REFERENCES images (sha256),
      latency_ms REAL,
      cost_usd REAL,
      details_json TEXT,
      predicted_rating REAL,
      error TEXT,
      UNIQUE (experiment_id, label)
    ) STRICT;

    CREATE TABLE ratings (
      id TEXT PRIMARY KEY,
      experiment_id TEXT NOT NULL REFERENCES experiments (id),
      kind TEXT NOT NULL CHECK (kind IN ('rating', 'retraction')),
      supersedes TEXT REFERENCES ratings (id),
      rated_by TEXT NOT NULL,
      outcome TEXT CHECK (outcome IN ('A', 'B', 'tie', 'both_bad')),
      rating_a INTEGER CHECK (rating_a BETWEEN 1 AND 5),
      comment_a TEXT,
      rating_b INTEGER CHECK (rating_b BETWEEN 1 AND 5),
      comment_b TEXT,
      shown_at TEXT,
      answered_at TEXT NOT NULL,
      CHECK (
        (kind = 'rating' AND outcome IS NOT NULL AND rating_a IS NOT NULL AND rating_b IS NOT NULL)
        OR (kind = 'retraction' AND supersedes IS NOT NULL)
      )
    ) STRICT;
    CREATE INDEX ratings_experiment ON ratings (experiment_id);
    CREATE UNIQUE INDEX ratings_superseded_once ON ratings (supersedes) WHERE supersedes IS NOT NULL;
    CREATE TRIGGER ratings_immutable_update BEFORE UPDATE ON ratings
      BEGIN SELECT RAISE(ABORT, 'ratings are immutable: write a superseding row instead'); END;
    CREATE TRIGGER ratings_immutable_delete BEFORE DELETE ON ratings
      BEGIN SELECT RAISE(ABORT, 'ratings are immutable: write a retraction row instead'); END;

    CREATE VIEW effective_ratings AS
      SELECT r.*, r.rowid AS seq FROM ratings r
      WHERE r.kind = 'rating' AND NOT EXISTS (SELECT 1 FROM ratings s WHERE s.supersedes = r.id);

    CREATE TABLE skips (
      id TEXT PRIMARY KEY,
      experiment_id TEXT NOT NULL REFERENCES experiments (id),
      rated_by TEXT NOT NULL,
      reason TEXT NOT NULL,
      skipped_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE prompt_versions (
      version TEXT PRIMARY KEY,
      origin TEXT NOT NULL CHECK (origin IN ('bundled', 'local', 'remote')),
      file TEXT NOT NULL,
      parent_version TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      sha256 TEXT NOT NULL
    ) STRICT;

    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      payload_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      shipped_at TEXT,
      last_error TEXT
    ) STRICT;
    CREATE INDEX outbox_pending ON outbox (seq) WHERE shipped_at IS NULL;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value_json TEXT NOT NULL
    ) STRICT;
  `);
}
