import type { Database } from 'better-sqlite3';

/** A copy of another trainer's rated pair, offered to a second trainer through the server. */
export interface OverlapMark {
  /** The copy: a pair of its own, rated like any other. */
  experiment_id: string;
  origin_experiment_id: string;
  origin_rater: string;
  claimed_by: string;
  /** The copy's A is the origin's B. */
  swapped: boolean;
  claimed_at: string;
}

/** SQL: the experiment `id` is no overlap copy (its origin already counts for learning). */
export const notOverlapCopy = (id: string) => `NOT EXISTS (SELECT 1 FROM overlap_pairs v WHERE v.experiment_id = ${id})`;

export function createOverlapRepository(db: Database, marked: (experimentId: string) => void = () => {}) {
  const insert = db.prepare(
    `INSERT INTO overlap_pairs (experiment_id, origin_experiment_id, origin_rater, claimed_by, swapped, claimed_at)
     VALUES (@experiment_id, @origin_experiment_id, @origin_rater, @claimed_by, @swapped, @claimed_at) ON CONFLICT DO NOTHING`,
  );
  const known = db.prepare('SELECT value AS id FROM json_each(?) WHERE value IN (SELECT experiment_id FROM overlap_pairs)');
  const unrated = db.prepare(
    `SELECT count(*) AS n FROM overlap_pairs v JOIN experiments e ON e.id = v.experiment_id
      WHERE v.claimed_by = ? AND e.status IN ('generating', 'ready')`,
  );
  const all = db.prepare('SELECT * FROM overlap_pairs ORDER BY claimed_at, experiment_id');

  return {
    /** Records a mark (1) unless one is already here, made here or pulled before (0). */
    record(mark: OverlapMark): number {
      const changes = insert.run({ ...mark, swapped: mark.swapped ? 1 : 0 }).changes;
      if (changes > 0) marked(mark.experiment_id);
      return changes;
    },
    /** Those of `copyIds` that are marked here. */
    known(copyIds: readonly string[]): string[] {
      return copyIds.length === 0 ? [] : (known.all(JSON.stringify(copyIds)) as { id: string }[]).map((r) => r.id);
    },
    /** Copies `rater` claimed that still wait in the queue. */
    waiting(rater: string): number {
      return (unrated.get(rater) as { n: number }).n;
    },
    marks(): OverlapMark[] {
      return (all.all() as (Omit<OverlapMark, 'swapped'> & { swapped: number })[]).map((row) => ({ ...row, swapped: row.swapped === 1 }));
    },
  };
}
export type OverlapRepository = ReturnType<typeof createOverlapRepository>;
