import type { Database } from 'better-sqlite3';
import { notOverlapCopy } from './overlap';

export type GoldDefect = 'warp' | 'blur' | 'colour_cast' | 'lost_edges';

/**
 * SQL: the experiment `id` is no pair made to measure the trainers (gold, repeat, a copy of another
 * trainer's pair for overlap), which says nothing more about the enhancer.
 */
export const notQualityPair = (id: string) => `NOT EXISTS (SELECT 1 FROM quality_pairs q WHERE q.experiment_id = ${id}) AND ${notOverlapCopy(id)}`;

/**
 * SQL that keeps an effective rating `r` out of learning: a gold, repeat or overlap pair, or a rater the
 * admin excluded (the `excluded_raters` setting, read at query time so an exclusion is in effect at once).
 */
export const COUNTS_FOR_LEARNING = `${notQualityPair('r.experiment_id')}
  AND r.rated_by NOT IN (SELECT j.value FROM settings s, json_each(s.value_json) j WHERE s.key = 'excluded_raters')`;

/** An effective rating as core/raters reads it (A is the left pane). */
export interface RaterAnswerRow {
  rater: string;
  item: string;
  swapped: boolean;
  ratingA: number;
  ratingB: number;
  outcome: 'A' | 'B' | 'tie' | 'both_bad';
  seconds: number | null;
  brokenSide: 'A' | 'B' | null;
  /** The item was offered to a second trainer: this is its original or its copy. */
  overlap: boolean;
}

/** A pair's mark as a gold or repeat pair, as the sync ships it. */
export interface QualityPairRow {
  experiment_id: string;
  kind: 'gold' | 'repeat';
  broken_label: 'A' | 'B' | null;
  defect: GoldDefect | null;
  repeat_of: string | null;
  created_at: string;
}

export interface RaterExclusion {
  rater_id: string;
  excluded: boolean;
  decided_by: string;
  decided_at: string;
}

export function createQualityRepository(db: Database, now: () => string, marked: (experimentId: string) => void = () => {}) {
  const insert = db.prepare(
    `INSERT INTO quality_pairs (experiment_id, kind, broken_label, defect, repeat_of, created_at)
     VALUES (@experiment_id, @kind, @broken_label, @defect, @repeat_of, @created_at)`,
  );
  const insertPulled = db.prepare(
    `INSERT INTO quality_pairs (experiment_id, kind, broken_label, defect, repeat_of, created_at)
     VALUES (@experiment_id, @kind, @broken_label, @defect, @repeat_of, @created_at) ON CONFLICT DO NOTHING`,
  );
  const kindOf = db.prepare('SELECT kind FROM quality_pairs WHERE experiment_id = ?');
  const marksOf = db.prepare('SELECT experiment_id, kind, broken_label, defect, repeat_of, created_at FROM quality_pairs WHERE experiment_id IN (SELECT value FROM json_each(?))');
  // Seconds to the millisecond the times are recorded in: julianday's float drifts in the 5th
  // decimal, and the server's figures (PostgreSQL's exact interval) must come out the same.
  const answers = db.prepare(
    `SELECT r.rated_by AS rater, coalesce(q.repeat_of, v.origin_experiment_id, r.experiment_id) AS item,
            coalesce(q.kind = 'repeat', v.swapped = 1, 0) AS swapped, v.experiment_id IS NOT NULL OR w.origin_experiment_id IS NOT NULL AS overlap,
            r.rating_a AS ratingA, r.rating_b AS ratingB, r.outcome,
            CASE WHEN r.shown_at IS NULL THEN NULL ELSE round((julianday(r.answered_at) - julianday(r.shown_at)) * 86400, 3) END AS seconds,
            CASE WHEN q.kind = 'gold' THEN q.broken_label END AS brokenSide
       FROM effective_ratings r LEFT JOIN quality_pairs q ON q.experiment_id = r.experiment_id
            LEFT JOIN overlap_pairs v ON v.experiment_id = r.experiment_id
            LEFT JOIN overlap_pairs w ON w.origin_experiment_id = r.experiment_id
      ORDER BY r.answered_at, r.seq`,
  );
  // A repeat comes back later: the oldest normal rated pair, with both outputs, not repeated yet,
  // rated here (another workstation's pair would come back to a trainer who never rated it).
  const repeatCandidate = db.prepare(
    `SELECT e.id FROM experiments e JOIN effective_ratings r ON r.experiment_id = e.id
      WHERE e.mode = ? AND e.status = 'rated' AND ${notQualityPair('e.id')}
        AND NOT EXISTS (SELECT 1 FROM sync_remote_experiments x WHERE x.experiment_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM quality_pairs q WHERE q.repeat_of = e.id)
        AND NOT EXISTS (SELECT 1 FROM options o WHERE o.experiment_id = e.id AND o.output_sha256 IS NULL)
      ORDER BY r.answered_at, r.seq LIMIT 1`,
  );
  // A gold pair's intact side: any normal rated pair of the mode with both outputs.
  const normalRated = `FROM experiments e WHERE e.mode = @mode AND e.status = 'rated' AND ${notQualityPair('e.id')}
      AND NOT EXISTS (SELECT 1 FROM options o WHERE o.experiment_id = e.id AND o.output_sha256 IS NULL)`;
  const countNormalRated = db.prepare(`SELECT count(*) AS n ${normalRated}`);
  const nthNormalRated = db.prepare(`SELECT e.id ${normalRated} ORDER BY e.created_at, e.id LIMIT 1 OFFSET @offset`);
  const insertExclusion = db.prepare('INSERT INTO rater_exclusions (rater_id, excluded, decided_by, decided_at) VALUES (?, ?, ?, ?)');
  const exclusions = db.prepare('SELECT * FROM rater_exclusions ORDER BY decided_at DESC, rowid DESC');

  return {
    markGold(experimentId: string, brokenLabel: 'A' | 'B', defect: GoldDefect): void {
      insert.run({ experiment_id: experimentId, kind: 'gold', broken_label: brokenLabel, defect, repeat_of: null, created_at: now() });
      marked(experimentId);
    },
    markRepeat(experimentId: string, repeatOf: string): void {
      insert.run({ experiment_id: experimentId, kind: 'repeat', broken_label: null, defect: null, repeat_of: repeatOf, created_at: now() });
      marked(experimentId);
    },
    /** Records a mark another workstation made (1) unless it is already here (0). */
    recordPulled(mark: QualityPairRow): number {
      return insertPulled.run(mark).changes;
    },
    kindOf(experimentId: string): 'gold' | 'repeat' | null {
      return (kindOf.get(experimentId) as { kind: 'gold' | 'repeat' } | undefined)?.kind ?? null;
    },
    /** The marks of those of `experimentIds` that are gold or repeat pairs. */
    marks(experimentIds: readonly string[]): QualityPairRow[] {
      return experimentIds.length === 0 ? [] : (marksOf.all(JSON.stringify(experimentIds)) as QualityPairRow[]);
    },
    /** Every effective rating, oldest first, with what the rater figures need to know about its pair. */
    raterAnswers(): RaterAnswerRow[] {
      return (answers.all() as (Omit<RaterAnswerRow, 'swapped' | 'overlap'> & { swapped: number; overlap: number })[]).map((row) => ({
        ...row,
        swapped: row.swapped === 1,
        overlap: row.overlap === 1,
      }));
    },
    repeatCandidate(mode: string): string | null {
      return (repeatCandidate.get(mode) as { id: string } | undefined)?.id ?? null;
    },
    normalRatedCount(mode: string): number {
      return (countNormalRated.get({ mode }) as { n: number }).n;
    },
    /** A rated normal pair of `mode`, the `at`-th share (0 ≤ at < 1) along them; null when none. */
    goldDonor(mode: string, at: number): string | null {
      const n = (countNormalRated.get({ mode }) as { n: number }).n;
      if (n === 0) return null;
      return (nthNormalRated.get({ mode, offset: Math.min(n - 1, Math.floor(at * n)) }) as { id: string }).id;
    },
    recordExclusion(raterId: string, excluded: boolean, decidedBy: string): void {
      insertExclusion.run(raterId, excluded ? 1 : 0, decidedBy, now());
    },
    exclusions(): RaterExclusion[] {
      return (exclusions.all() as (Omit<RaterExclusion, 'excluded'> & { excluded: number })[]).map((row) => ({ ...row, excluded: row.excluded === 1 }));
    },
  };
}
export type QualityRepository = ReturnType<typeof createQualityRepository>;
