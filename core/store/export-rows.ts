import type { Database } from 'better-sqlite3';
import type { Mode, Outcome, Parameters, ProviderId } from '../api';
import type { ImageRecord } from './types';

/** One side of a pair as the dataset export reads it. */
export interface ExportOptionRow {
  option_id: string;
  provider: ProviderId;
  parameters: Parameters;
  seed: number;
  prompt_version: string;
  rating: number | null;
  comment: string;
  output_sha256: string | null;
  /** null when the output's image record is not on this workstation. */
  output_mime: ImageRecord['mime'] | null;
}

/** A rating in effect, or (with `withSkipped`) a skipped pair, with both its options. */
export interface ExportPairRow {
  experiment_id: string;
  /** null for a skipped pair. */
  rating_id: string | null;
  mode: Mode;
  source_sha256: string;
  rated_by: string;
  outcome: Outcome | null;
  answered_at: string;
  shown_at: string | null;
  details_shown: boolean | null;
  quality_kind: 'gold' | 'repeat' | null;
  /** For an overlap copy (a second trainer's answer through the server): the pair it copies; else null. */
  overlap_of: string | null;
  /** The copy shows the copied pair's B as its A. */
  overlap_swapped: boolean;
  /** The rater is on the admin's `excluded_raters` list. */
  rater_excluded: boolean;
  a: ExportOptionRow;
  b: ExportOptionRow;
}

const OPTION_COLUMNS = (o: string, i: string) =>
  `${o}.id AS ${o}_id, ${o}.provider AS ${o}_provider, ${o}.parameters_json AS ${o}_parameters, ${o}.seed AS ${o}_seed,
   ${o}.prompt_version AS ${o}_version, ${o}.output_sha256 AS ${o}_sha, ${i}.mime AS ${o}_mime`;

const FROM_OPTIONS = `JOIN options oa ON oa.experiment_id = e.id AND oa.label = 'A'
  JOIN options ob ON ob.experiment_id = e.id AND ob.label = 'B'
  LEFT JOIN images ia ON ia.sha256 = oa.output_sha256
  LEFT JOIN images ib ON ib.sha256 = ob.output_sha256
  LEFT JOIN quality_pairs q ON q.experiment_id = e.id
  LEFT JOIN overlap_pairs v ON v.experiment_id = e.id`;

const EXCLUDED = `(SELECT j.value FROM settings s, json_each(s.value_json) j WHERE s.key = 'excluded_raters')`;

// Rows come ordered by source render so the rankings export can group a render's pairs as they
// stream past; the order inside a render is the order they were answered.
const PAIRS = `
  SELECT * FROM (
    SELECT r.id AS rating_id, e.id AS experiment_id, e.mode, e.source_sha256, r.rated_by, r.outcome,
           r.rating_a, r.comment_a, r.rating_b, r.comment_b, r.answered_at, r.shown_at, r.details_shown,
           q.kind AS quality_kind, v.origin_experiment_id AS overlap_of, v.swapped AS overlap_swapped,
           r.rated_by IN ${EXCLUDED} AS rater_excluded, r.seq AS seq,
           ${OPTION_COLUMNS('oa', 'ia')}, ${OPTION_COLUMNS('ob', 'ib')}
      FROM effective_ratings r JOIN experiments e ON e.id = r.experiment_id ${FROM_OPTIONS}
    UNION ALL
    SELECT NULL, e.id, e.mode, e.source_sha256, s.rated_by, NULL, NULL, NULL, NULL, NULL, s.skipped_at, NULL, NULL,
           q.kind, v.origin_experiment_id, v.swapped, s.rated_by IN ${EXCLUDED}, 0,
           ${OPTION_COLUMNS('oa', 'ia')}, ${OPTION_COLUMNS('ob', 'ib')}
      FROM experiments e JOIN skips s ON s.experiment_id = e.id ${FROM_OPTIONS}
     WHERE @skipped = 1 AND e.status = 'skipped' AND s.rowid = (SELECT max(rowid) FROM skips WHERE experiment_id = e.id)
  ) ORDER BY source_sha256, answered_at, experiment_id, seq`;

type Row = Record<string, unknown>;

/**
 * How a database hands back the values its SQL driver does not give as the export wants them:
 * SQLite has parameters as JSON text, times as ISO text and flags as 0/1; PostgreSQL has jsonb
 * objects, Dates and booleans. Everything else in a pair row reads the same from both.
 */
export interface ExportRowDecoding {
  parameters(value: unknown): Parameters;
  time(value: unknown): string | null;
  flag(value: unknown): boolean | null;
}

const SQLITE_DECODING: ExportRowDecoding = {
  parameters: (value) => JSON.parse(value as string) as Parameters,
  time: (value) => (value as string | null) ?? null,
  flag: (value) => (value === null || value === undefined ? null : value === 1),
};

function optionOf(row: Row, o: 'oa' | 'ob', decode: ExportRowDecoding): ExportOptionRow {
  return {
    option_id: row[`${o}_id`] as string,
    provider: row[`${o}_provider`] as ProviderId,
    parameters: decode.parameters(row[`${o}_parameters`]),
    seed: row[`${o}_seed`] as number,
    prompt_version: row[`${o}_version`] as string,
    rating: (row[o === 'oa' ? 'rating_a' : 'rating_b'] as number | null) ?? null,
    comment: (row[o === 'oa' ? 'comment_a' : 'comment_b'] as string | null) ?? '',
    output_sha256: (row[`${o}_sha`] as string | null) ?? null,
    output_mime: (row[`${o}_mime`] as ImageRecord['mime'] | null) ?? null,
  };
}

/** One row of the export's pair query (this store's, or the server's of the same shape) as the export reads it. */
export function exportPairRowOf(row: Row, decode: ExportRowDecoding = SQLITE_DECODING): ExportPairRow {
  return {
    experiment_id: row.experiment_id as string,
    rating_id: (row.rating_id as string | null) ?? null,
    mode: row.mode as Mode,
    source_sha256: row.source_sha256 as string,
    rated_by: row.rated_by as string,
    outcome: (row.outcome as Outcome | null) ?? null,
    answered_at: decode.time(row.answered_at)!,
    shown_at: decode.time(row.shown_at),
    details_shown: decode.flag(row.details_shown),
    quality_kind: (row.quality_kind as 'gold' | 'repeat' | null) ?? null,
    overlap_of: (row.overlap_of as string | null) ?? null,
    overlap_swapped: decode.flag(row.overlap_swapped) === true,
    rater_excluded: decode.flag(row.rater_excluded) === true,
    a: optionOf(row, 'oa', decode),
    b: optionOf(row, 'ob', decode),
  };
}

/** What the dataset export reads: every rating in effect with both options, streamed. */
export function createExportRowsRepository(db: Database) {
  const pairs = db.prepare(PAIRS);
  const countPairs = db.prepare(`SELECT count(*) AS n FROM (${PAIRS})`);
  // A rating an undo retracted or a correction replaced is history, not a preference.
  const superseded = db.prepare(`SELECT count(*) AS n FROM ratings r WHERE r.kind = 'rating' AND EXISTS (SELECT 1 FROM ratings s WHERE s.supersedes = r.id)`);
  const skippedPairs = db.prepare(`SELECT count(*) AS n FROM experiments WHERE status = 'skipped'`);
  return {
    /** Streams the rows (SQLite reads them as they are asked for, nothing is held). */
    *pairs(withSkipped: boolean): Generator<ExportPairRow> {
      for (const row of pairs.iterate({ skipped: withSkipped ? 1 : 0 }) as Iterable<Row>) yield exportPairRowOf(row);
    },
    count(withSkipped: boolean): number {
      return (countPairs.get({ skipped: withSkipped ? 1 : 0 }) as { n: number }).n;
    },
    supersededRatings(): number {
      return (superseded.get() as { n: number }).n;
    },
    skippedPairs(): number {
      return (skippedPairs.get() as { n: number }).n;
    },
  };
}
export type ExportRowsRepository = ReturnType<typeof createExportRowsRepository>;
