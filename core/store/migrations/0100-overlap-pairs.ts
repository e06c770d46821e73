import type { Database } from 'better-sqlite3';

// Overlap: a pair another trainer rated, offered to this workstation through the server so the
// two trainers' answers can be compared. The copy (`experiment_id`) is a pair of its own, shown
// like any other with its sides drawn again (`swapped`: the copy's A is the origin's B), and its
// rating is the second answer on the origin. Rows also arrive by pull, for copies other
// workstations made, so the rater figures on every workstation find both answers. Neither id is a
// foreign key: a pulled mark may arrive before the pairs it names. Learning leaves copies out, so
// the origin's content counts once.
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE overlap_pairs (
      experiment_id TEXT PRIMARY KEY,
      origin_experiment_id TEXT NOT NULL UNIQUE,
      origin_rater TEXT NOT NULL,
      claimed_by TEXT NOT NULL,
      swapped INTEGER NOT NULL CHECK (swapped IN (0, 1)),
      claimed_at TEXT NOT NULL,
      CHECK (experiment_id <> origin_experiment_id AND claimed_by <> origin_rater)
    ) STRICT;
  `);
}
