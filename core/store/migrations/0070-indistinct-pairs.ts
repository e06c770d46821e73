import type { Database } from 'better-sqlite3';

// A pair whose two options cannot be told apart is never shown: it ends as 'indistinct' instead of
// 'ready', and a prompt candidate whose outputs look like the current prompt's ends as
// 'no_visible_effect' instead of being tested. SQLite cannot change a CHECK in place, so both
// tables are rebuilt with their rows, ids and indexes (the registry runs this with foreign keys
// off and checks them before committing). Every comparison the queue makes is kept in
// pair_checks: the distance, whether the bytes were identical, and the attempt (0 for the pair
// as proposed, n for its n-th replacement proposal).
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE experiments_new (
      id TEXT PRIMARY KEY CHECK (id LIKE 'exp\\_%' ESCAPE '\\'),
      source_sha256 TEXT NOT NULL REFERENCES source_images (sha256),
      mode TEXT NOT NULL CHECK (mode IN ('structure', 'surfaces')),
      status TEXT NOT NULL CHECK (status IN ('generating', 'ready', 'rated', 'skipped', 'failed', 'indistinct')),
      priority INTEGER NOT NULL DEFAULT 0,
      project_id TEXT,
      site_visit_id TEXT,
      created_at TEXT NOT NULL,
      ready_at TEXT,
      error TEXT
    ) STRICT;
    INSERT INTO experiments_new SELECT id, source_sha256, mode, status, priority, project_id, site_visit_id, created_at, ready_at, error FROM experiments;
    DROP TABLE experiments;
    ALTER TABLE experiments_new RENAME TO experiments;
    CREATE INDEX experiments_queue ON experiments (status, priority DESC, created_at);

    CREATE TABLE prompt_candidates_new (
      id TEXT PRIMARY KEY,
      evolution_id TEXT NOT NULL REFERENCES prompt_evolutions (id),
      variant INTEGER NOT NULL,
      version TEXT,
      status TEXT NOT NULL CHECK (status IN ('failed', 'rejected', 'queued', 'testing', 'won', 'lost', 'approved', 'declined', 'no_visible_effect')),
      proposal_json TEXT,
      verdict_json TEXT,
      error TEXT,
      error_action TEXT,
      test_number INTEGER UNIQUE,
      test_started_at TEXT,
      test_baseline TEXT,
      decision_json TEXT,
      decided_at TEXT,
      created_at TEXT NOT NULL,
      UNIQUE (evolution_id, variant),
      CHECK (status IN ('failed', 'rejected') OR version IS NOT NULL)
    ) STRICT;
    INSERT INTO prompt_candidates_new
      SELECT id, evolution_id, variant, version, status, proposal_json, verdict_json, error, error_action, test_number,
             test_started_at, test_baseline, decision_json, decided_at, created_at FROM prompt_candidates;
    DROP TABLE prompt_candidates;
    ALTER TABLE prompt_candidates_new RENAME TO prompt_candidates;
    CREATE INDEX prompt_candidates_status ON prompt_candidates (status, created_at);

    CREATE TABLE pair_checks (
      experiment_id TEXT NOT NULL REFERENCES experiments (id),
      attempt INTEGER NOT NULL CHECK (attempt >= 0),
      identical INTEGER NOT NULL CHECK (identical IN (0, 1)),
      colour REAL NOT NULL,
      detail REAL NOT NULL,
      distance REAL NOT NULL,
      told_apart INTEGER NOT NULL CHECK (told_apart IN (0, 1)),
      checked_at TEXT NOT NULL,
      PRIMARY KEY (experiment_id, attempt)
    ) STRICT;
  `);
}
