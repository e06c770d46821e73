import type { Database } from 'better-sqlite3';

// Gold and repeat marks also arrive by pull, for pairs other workstations made. A pulled mark may
// come before the pair it marks (each table is pulled by its own cursor) or name a repeated pair
// this workstation never receives (its rating refused by the server), so neither id stays a
// foreign key, as in overlap_pairs. SQLite changes a constraint only by rebuilding the table.
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE quality_pairs_rebuilt (
      experiment_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('gold', 'repeat')),
      broken_label TEXT CHECK (broken_label IN ('A', 'B')),
      defect TEXT CHECK (defect IN ('warp', 'blur', 'colour_cast', 'lost_edges')),
      repeat_of TEXT,
      created_at TEXT NOT NULL,
      CHECK (
        (kind = 'gold' AND broken_label IS NOT NULL AND defect IS NOT NULL AND repeat_of IS NULL)
        OR (kind = 'repeat' AND repeat_of IS NOT NULL AND broken_label IS NULL AND defect IS NULL)
      )
    ) STRICT;
    INSERT INTO quality_pairs_rebuilt (experiment_id, kind, broken_label, defect, repeat_of, created_at)
      SELECT experiment_id, kind, broken_label, defect, repeat_of, created_at FROM quality_pairs;
    DROP TABLE quality_pairs;
    ALTER TABLE quality_pairs_rebuilt RENAME TO quality_pairs;
    CREATE INDEX quality_pairs_repeat_of ON quality_pairs (repeat_of) WHERE repeat_of IS NOT NULL;
  `);
}
