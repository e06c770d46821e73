import type { Database } from 'better-sqlite3';
import type { Mode, Parameters } from '../api';

/** One comparison of a pair's two outputs before it could be shown. */
export interface PairCheckRecord {
  experiment_id: string;
  /** 0 for the pair as proposed, n for its n-th replacement proposal. */
  attempt: number;
  identical: boolean;
  colour: number;
  detail: number;
  distance: number;
  told_apart: boolean;
  checked_at: string;
}

interface PairCheckRow extends Omit<PairCheckRecord, 'identical' | 'told_apart'> {
  identical: number;
  told_apart: number;
}

/**
 * What the queue found comparing each pair's outputs, and the two changes it makes when they
 * cannot be told apart: an option planned again (its output cleared, to be generated anew) and a
 * pair set aside as 'indistinct', never shown.
 */
export function createPairChecksRepository(db: Database, now: () => string) {
  const insert = db.prepare(
    `INSERT INTO pair_checks (experiment_id, attempt, identical, colour, detail, distance, told_apart, checked_at)
     VALUES (@experiment_id, @attempt, @identical, @colour, @detail, @distance, @told_apart, @checked_at)`,
  );
  const ofExperiment = db.prepare('SELECT * FROM pair_checks WHERE experiment_id = ? ORDER BY attempt');
  const replan = db.prepare(
    `UPDATE options SET parameters_json = ?, origin = ?, seed = ?, output_sha256 = NULL, latency_ms = NULL, cost_usd = NULL,
       details_json = NULL, predicted_rating = NULL, error = NULL WHERE id = ?`,
  );
  const setIndistinct = db.prepare(`UPDATE experiments SET status = 'indistinct' WHERE id = ? AND status = 'generating'`);
  const countIndistinct = db.prepare(`SELECT count(*) AS n FROM experiments WHERE status = 'indistinct' AND mode = ?`);
  const countReplaced = db.prepare(
    `SELECT count(*) AS n FROM pair_checks c JOIN experiments e ON e.id = c.experiment_id WHERE c.told_apart = 0 AND e.mode = ? AND e.status <> 'indistinct'`,
  );
  const toRecord = (row: PairCheckRow): PairCheckRecord => ({ ...row, identical: row.identical === 1, told_apart: row.told_apart === 1 });

  return {
    record(check: Omit<PairCheckRecord, 'checked_at'>): void {
      insert.run({ ...check, identical: check.identical ? 1 : 0, told_apart: check.told_apart ? 1 : 0, checked_at: now() });
    },
    of(experimentId: string): PairCheckRecord[] {
      return (ofExperiment.all(experimentId) as PairCheckRow[]).map(toRecord);
    },
    /** Plans an option anew (another proposal): its output is cleared so the queue generates it again. */
    replanOption(optionId: string, parameters: Parameters, origin: string, seed: number): void {
      replan.run(JSON.stringify(parameters), origin, seed, optionId);
    },
    /** Sets a generating pair aside for good: its options could not be told apart. */
    setIndistinct(experimentId: string): void {
      setIndistinct.run(experimentId);
    },
    /** Pairs of `mode` set aside, and proposals replaced in pairs that were then shown. */
    counts(mode: Mode): { dropped: number; replaced: number } {
      return { dropped: (countIndistinct.get(mode) as { n: number }).n, replaced: (countReplaced.get(mode) as { n: number }).n };
    },
  };
}
export type PairChecksRepository = ReturnType<typeof createPairChecksRepository>;
