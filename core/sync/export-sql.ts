// What the server export reads, in the same shapes as the workstation's own export rows
// (core/store/export-rows.ts) and rater answers (core/store/quality.ts), so one export of the same
// data gives the same dataset from either. Text sort keys use the "C" collation: byte order, as
// SQLite sorts, whatever the database's locale.

const RETRACTED = (r: string) => `EXISTS (SELECT 1 FROM rating_retractions x WHERE x.rating_id = ${r}.id)`;

const OPTION_COLUMNS = (o: string, i: string) =>
  `${o}.id AS ${o}_id, ${o}.provider AS ${o}_provider, ${o}.parameters AS ${o}_parameters, ${o}.seed::float8 AS ${o}_seed,
   ${o}.prompt_version AS ${o}_version, ${o}.output_sha256 AS ${o}_sha, ${i}.mime AS ${o}_mime`;

const FROM_OPTIONS = `JOIN parameter_experiments oa ON oa.experiment_id = e.id AND oa.label = 'A'
  JOIN parameter_experiments ob ON ob.experiment_id = e.id AND ob.label = 'B'
  LEFT JOIN images ia ON ia.sha256 = oa.output_sha256
  LEFT JOIN images ib ON ib.sha256 = ob.output_sha256
  LEFT JOIN quality_pairs q ON q.experiment_id = e.id
  LEFT JOIN overlap_claims v ON v.copy_experiment_id = e.id`;

// A pair counts as skipped when a trainer skipped it and no rating of it is in effect; its latest
// skip stands for it.
const LATEST_SKIPS = `SELECT DISTINCT ON (s.experiment_id) s.experiment_id, s.rated_by, s.skipped_at
    FROM skips s
   WHERE NOT EXISTS (SELECT 1 FROM pair_ratings r WHERE r.experiment_id = s.experiment_id AND NOT ${RETRACTED('r')})
   ORDER BY s.experiment_id, s.skipped_at DESC, s.server_seq DESC`;

/** $1: the raters the admin excluded (text[]); $2: whether skipped pairs are wanted. */
export const SERVER_PAIRS = `
  SELECT * FROM (
    SELECT r.id AS rating_id, e.id AS experiment_id, e.mode, e.source_sha256, r.rated_by, r.outcome,
           sa.rating AS rating_a, sa.comment AS comment_a, sb.rating AS rating_b, sb.comment AS comment_b,
           r.answered_at, r.shown_at, r.details_shown, q.kind AS quality_kind, v.experiment_id AS overlap_of, v.swapped AS overlap_swapped,
           r.rated_by = ANY($1::text[]) AS rater_excluded,
           r.server_seq AS seq, ${OPTION_COLUMNS('oa', 'ia')}, ${OPTION_COLUMNS('ob', 'ib')}
      FROM pair_ratings r JOIN experiments e ON e.id = r.experiment_id ${FROM_OPTIONS}
      LEFT JOIN enhancement_ratings sa ON sa.rating_id = r.id AND sa.option_label = 'A'
      LEFT JOIN enhancement_ratings sb ON sb.rating_id = r.id AND sb.option_label = 'B'
     WHERE NOT ${RETRACTED('r')}
    UNION ALL
    SELECT NULL, e.id, e.mode, e.source_sha256, s.rated_by, NULL, NULL, NULL, NULL, NULL, s.skipped_at, NULL, NULL,
           q.kind, v.experiment_id, v.swapped, s.rated_by = ANY($1::text[]), 0, ${OPTION_COLUMNS('oa', 'ia')}, ${OPTION_COLUMNS('ob', 'ib')}
      FROM (${LATEST_SKIPS}) s JOIN experiments e ON e.id = s.experiment_id ${FROM_OPTIONS}
     WHERE $2::boolean
  ) t ORDER BY source_sha256 COLLATE "C", answered_at, experiment_id COLLATE "C", seq`;

export const COUNT_SERVER_PAIRS = `SELECT count(*)::float8 AS n FROM (${SERVER_PAIRS}) counted`;

export const RETRACTED_RATINGS = 'SELECT count(*)::float8 AS n FROM rating_retractions';

export const SKIPPED_PAIRS = `SELECT count(*)::float8 AS n FROM (${LATEST_SKIPS}) skipped`;

/** The whole team's effective ratings as core/raters reads them (A is the left pane), oldest first. */
export const SERVER_RATER_ANSWERS = `
  SELECT r.rated_by AS rater, coalesce(q.repeat_of, v.experiment_id, r.experiment_id) AS item,
         coalesce(q.kind = 'repeat', v.swapped, false) AS swapped,
         sa.rating AS "ratingA", sb.rating AS "ratingB", r.outcome,
         CASE WHEN r.shown_at IS NULL THEN NULL ELSE extract(epoch FROM r.answered_at - r.shown_at)::float8 END AS seconds,
         CASE WHEN q.kind = 'gold' THEN q.broken_label END AS "brokenSide",
         (v.experiment_id IS NOT NULL OR w.experiment_id IS NOT NULL) AS overlap
    FROM pair_ratings r
    JOIN enhancement_ratings sa ON sa.rating_id = r.id AND sa.option_label = 'A'
    JOIN enhancement_ratings sb ON sb.rating_id = r.id AND sb.option_label = 'B'
    LEFT JOIN quality_pairs q ON q.experiment_id = r.experiment_id
    LEFT JOIN overlap_claims v ON v.copy_experiment_id = r.experiment_id
    LEFT JOIN overlap_claims w ON w.experiment_id = r.experiment_id
   WHERE NOT ${RETRACTED('r')}
   ORDER BY r.answered_at, r.server_seq`;

/** Version files the workstations shipped: the prompt texts of versions this workstation never made. */
export const SERVER_PROMPT_VERSIONS = 'SELECT version, content::text AS content FROM prompt_versions WHERE content IS NOT NULL';

export const IS_ADMIN = "SELECT pg_has_role(session_user, 'latina_admin', 'MEMBER') AS admin";
