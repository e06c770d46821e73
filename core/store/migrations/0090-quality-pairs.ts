import type { Database } from 'better-sqlite3';

// Pairs the queue mixes in to measure the trainers, not the enhancer: a gold pair has one option
// deliberately broken (`broken_label`, by `defect`), a repeat shows an already-rated pair again
// with its sides swapped (`repeat_of`). They look like any other pair on screen; this table is how
// learning leaves them out and how the rater figures find them. An admin's decision to exclude a
// rater from learning, or to take them back, is kept in rater_exclusions (the list in effect is the
// `excluded_raters` setting).
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE quality_pairs (
      experiment_id TEXT PRIMARY KEY REFERENCES experiments (id),
      kind TEXT NOT NULL CHECK (kind IN ('gold', 'repeat')),
      broken_label TEXT CHECK (broken_label IN ('A', 'B')),
      defect TEXT CHECK (defect IN ('warp', 'blur', 'colour_cast', 'lost_edges')),
      repeat_of TEXT REFERENCES experiments (id),
      created_at TEXT NOT NULL,
      CHECK (
        (kind = 'gold' AND broken_label IS NOT NULL AND defect IS NOT NULL AND repeat_of IS NULL)
        OR (kind = 'repeat' AND repeat_of IS NOT NULL AND broken_label IS NULL AND defect IS NULL)
      )
    ) STRICT;
    CREATE INDEX quality_pairs_repeat_of ON quality_pairs (repeat_of) WHERE repeat_of IS NOT NULL;

    CREATE TABLE rater_exclusions (
      rater_id TEXT NOT NULL,
      excluded INTEGER NOT NULL CHECK (excluded IN (0, 1)),
      decided_by TEXT NOT NULL,
      decided_at TEXT NOT NULL
    ) STRICT;
  `);
}
