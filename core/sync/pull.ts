import type pg from 'pg';
import type { OverlapMark, PulledExperiment, PulledImage, PulledPromptVersion, PulledRating, PulledRetraction, PulledSkip, QualityPairRow, Store } from '../store';
import type { PostgresLink } from './postgres';
import { followDecision, LATEST_DECISION_SQL, type LatestDecision } from './pull-decision';
import { VERSION_NAME, writePulledVersion } from './prompt-files';
import { experimentProblem, imageProblem, ratingProblem, retractionProblem, skipProblem } from './pull-validate';
import type { PullCounts } from './types';

/**
 * Pull: brings the team's judgements into this workstation's SQLite so the optimizer (rebuilt from
 * the ratings table) and the reward model learn from everyone.
 *
 * Cursors. Each pulled table is read in (tx_id, server_seq) order past a stored cursor, and only
 * rows whose transaction is older than every transaction still running (pg_snapshot_xmin), so a
 * slow writer's rows are never skipped. Each page is read in one REPEATABLE READ snapshot and
 * written to SQLite with its cursors in one transaction: a crash repeats a page, never halves it.
 *
 * Conflict rules.
 *  - Ratings, retractions, skips and experiments are immutable and keyed by ids made on the
 *    desktops: a pulled row that is already here (this workstation's own, or pulled before) is
 *    skipped; nothing local is ever overwritten. A retraction supersedes its rating everywhere.
 *  - Prompt versions are immutable: a version file already in the data folder is kept; a name the
 *    server holds with other content stays the server's (the pushing side logs the conflict).
 *  - The current-version pointer follows the admins' latest decision (see pull-decision.ts).
 *  - Pairs of other workstations come only with the judgements that refer to them, never enter this
 *    queue, and their image files are fetched from S3 on demand. A pair that is an overlap copy
 *    (overlap.ts) comes with its claim, so the rater figures here find which pair it copies.
 *  - Gold and repeat marks have a cursor of their own: every mark reaches every workstation, also
 *    for pairs pulled before, so learning, exports and rater figures treat those pairs as made here.
 */

interface Cursor {
  tx: string;
  seq: string;
}
const START: Cursor = { tx: '0', seq: '0' };
const TABLES = ['pair_ratings', 'rating_retractions', 'skips', 'prompt_versions', 'quality_pairs'] as const;
type Table = (typeof TABLES)[number];
const cursorKey = (table: Table) => `pull_cursor:${table}`;

const iso = (value: Date | string | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString();

const page = (table: Table, columns: string, extra = '') =>
  `SELECT ${columns}, t.tx_id::text AS cursor_tx, t.server_seq::text AS cursor_seq FROM ${table} t
    WHERE (t.tx_id, t.server_seq) > ($1::xid8, $2::bigint) AND t.tx_id < $3::xid8 ${extra}
    ORDER BY t.tx_id, t.server_seq LIMIT $4`;

const RATING_COLUMNS = `t.id, t.experiment_id, t.rated_by, t.outcome, t.shown_at, t.answered_at, t.details_shown,
  (SELECT rating FROM enhancement_ratings WHERE rating_id = t.id AND option_label = 'A') AS rating_a,
  (SELECT comment FROM enhancement_ratings WHERE rating_id = t.id AND option_label = 'A') AS comment_a,
  (SELECT rating FROM enhancement_ratings WHERE rating_id = t.id AND option_label = 'B') AS rating_b,
  (SELECT comment FROM enhancement_ratings WHERE rating_id = t.id AND option_label = 'B') AS comment_b`;

type Row = Record<string, unknown> & { cursor_tx: string; cursor_seq: string };

const toRating = (r: Record<string, unknown>): PulledRating => ({
  id: r.id as string,
  experiment_id: r.experiment_id as string,
  rated_by: r.rated_by as string,
  outcome: r.outcome as PulledRating['outcome'],
  rating_a: r.rating_a as number,
  comment_a: (r.comment_a as string | null) ?? '',
  rating_b: r.rating_b as number,
  comment_b: (r.comment_b as string | null) ?? '',
  shown_at: iso(r.shown_at as Date | null),
  answered_at: iso(r.answered_at as Date)!,
  details_shown: (r.details_shown as boolean | null) ?? null,
});

interface FetchedPage {
  images: PulledImage[];
  experiments: PulledExperiment[];
  overlapMarks: OverlapMark[];
  qualityMarks: QualityPairRow[];
  ratings: PulledRating[];
  retractions: PulledRetraction[];
  skips: PulledSkip[];
  versions: { version: string; text: string }[];
  cursors: Partial<Record<Table, Cursor>>;
  more: boolean;
  decision: LatestDecision | null;
}

async function fetchPage(client: pg.PoolClient, store: Store, limit: number): Promise<FetchedPage> {
  const xmin = (await client.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin')).rows[0]!.xmin;
  const cursors: FetchedPage['cursors'] = {};
  let more = false;
  const read = async (table: Table, columns: string, extra?: string): Promise<Row[]> => {
    const from = store.sync.state.get<Cursor>(cursorKey(table)) ?? START;
    const rows = (await client.query<Row>(page(table, columns, extra), [from.tx, from.seq, xmin, limit])).rows;
    if (rows.length === limit) more = true;
    const last = rows.at(-1);
    if (last) cursors[table] = { tx: last.cursor_tx, seq: last.cursor_seq };
    return rows;
  };

  const ratings = (await read('pair_ratings', RATING_COLUMNS)).map(toRating);
  const retractions = (await read('rating_retractions', 't.id, t.rating_id, t.experiment_id, t.rated_by, t.retracted_at')).map(
    (r): PulledRetraction => ({
      id: r.id as string,
      rating_id: r.rating_id as string,
      experiment_id: r.experiment_id as string,
      rated_by: r.rated_by as string,
      retracted_at: iso(r.retracted_at as Date)!,
    }),
  );
  const skips = (await read('skips', 't.id, t.experiment_id, t.rated_by, t.reason, t.skipped_at')).map(
    (r): PulledSkip => ({
      id: r.id as string,
      experiment_id: r.experiment_id as string,
      rated_by: r.rated_by as string,
      reason: r.reason as string,
      skipped_at: iso(r.skipped_at as Date)!,
    }),
  );
  const versions = (
    await read('prompt_versions', 't.version, t.content::text AS text', "AND t.content IS NOT NULL AND t.version ~ '^v[0-9]+\\.[0-9]+\\.[0-9]+$'")
  ).map((r) => ({ version: r.version as string, text: r.text as string }));
  const qualityMarks = (await read('quality_pairs', 't.experiment_id, t.kind, t.broken_label, t.defect, t.repeat_of, t.created_at')).map(
    (r): QualityPairRow => ({
      experiment_id: r.experiment_id as string,
      kind: r.kind as QualityPairRow['kind'],
      broken_label: r.broken_label as QualityPairRow['broken_label'],
      defect: r.defect as QualityPairRow['defect'],
      repeat_of: r.repeat_of as string | null,
      created_at: iso(r.created_at as Date)!,
    }),
  );

  // A retraction may arrive in an earlier page than the rating it supersedes: fetch that by id.
  const paged = new Set(ratings.map((r) => r.id));
  const wanted = store.sync.missingRatings(retractions.map((x) => x.rating_id).filter((id) => !paged.has(id)));
  if (wanted.length) {
    const extra = await client.query(`SELECT ${RATING_COLUMNS} FROM pair_ratings t WHERE t.id = ANY($1::text[])`, [wanted]);
    ratings.push(...extra.rows.map(toRating));
  }

  const experimentIds = store.sync.missingExperiments([...ratings, ...retractions, ...skips].map((r) => r.experiment_id));
  const { experiments, images, overlapMarks } = experimentIds.length
    ? await fetchExperiments(client, experimentIds)
    : { experiments: [], images: [], overlapMarks: [] };

  let decision: FetchedPage['decision'] = null;
  if (!more) {
    const latest = await client.query<LatestDecision>(LATEST_DECISION_SQL);
    decision = latest.rows[0] ?? null;
  }
  return { images, experiments, overlapMarks, qualityMarks, ratings, retractions, skips, versions, cursors, more, decision };
}

async function fetchExperiments(client: pg.PoolClient, ids: string[]): Promise<Pick<FetchedPage, 'experiments' | 'images' | 'overlapMarks'>> {
  const experiments = await client.query(
    `SELECT id, source_sha256, mode, project_id, site_visit_id, created_at, ready_at, workstation_id FROM experiments WHERE id = ANY($1::text[])`,
    [ids],
  );
  const options = await client.query(
    `SELECT id, experiment_id, label, provider, parameters, origin, prompt_version, seed::float8 AS seed, output_sha256, latency_ms, cost_usd
       FROM parameter_experiments WHERE experiment_id = ANY($1::text[]) ORDER BY experiment_id, label`,
    [ids],
  );
  const byExperiment = new Map<string, PulledExperiment['options']>();
  for (const o of options.rows) {
    const list = byExperiment.get(o.experiment_id) ?? [];
    list.push({
      id: o.id,
      label: o.label,
      provider: o.provider,
      parameters: o.parameters,
      origin: o.origin,
      prompt_version: o.prompt_version,
      seed: o.seed,
      output_sha256: o.output_sha256,
      latency_ms: o.latency_ms,
      cost_usd: o.cost_usd,
    });
    byExperiment.set(o.experiment_id, list);
  }
  const pulled: PulledExperiment[] = experiments.rows.map((e) => ({
    id: e.id,
    source_sha256: e.source_sha256,
    mode: e.mode,
    project_id: e.project_id,
    site_visit_id: e.site_visit_id,
    created_at: iso(e.created_at)!,
    ready_at: iso(e.ready_at),
    workstation_id: e.workstation_id,
    options: byExperiment.get(e.id) ?? [],
  }));
  const shas = new Set<string>();
  for (const e of pulled) {
    shas.add(e.source_sha256);
    for (const o of e.options) if (o.output_sha256) shas.add(o.output_sha256);
  }
  const images = await client.query<PulledImage>(
    'SELECT sha256, mime, width, height, bytes::float8 AS bytes, source_name FROM images WHERE sha256 = ANY($1::text[])',
    [[...shas]],
  );
  const claims = await client.query(
    `SELECT copy_experiment_id, experiment_id, origin_rater, claimed_by, swapped, claimed_at FROM overlap_claims WHERE copy_experiment_id = ANY($1::text[])`,
    [ids],
  );
  const overlapMarks = claims.rows.map(
    (c): OverlapMark => ({
      experiment_id: c.copy_experiment_id,
      origin_experiment_id: c.experiment_id,
      origin_rater: c.origin_rater,
      claimed_by: c.claimed_by,
      swapped: c.swapped,
      claimed_at: iso(c.claimed_at)!,
    }),
  );
  return { experiments: pulled, images: images.rows, overlapMarks };
}

export interface PullDeps {
  store: Store;
  postgres: PostgresLink;
  promptVersionsDir: string;
  pageSize: number;
  log(message: string): void;
}

export async function pullFromServer(deps: PullDeps): Promise<PullCounts> {
  const { store } = deps;
  const totals: PullCounts = { ratings: 0, retractions: 0, skips: 0, experiments: 0, prompt_versions: 0, skipped: 0, current_version: null, overlap: 0 };
  for (;;) {
    const fetched = await deps.postgres.transaction((client) => fetchPage(client, store, deps.pageSize), 'snapshot');
    // Files first, then the index rows and cursors: a crash in between rewrites nothing (files are
    // kept when present) and pulls the same page again.
    const versions: PulledPromptVersion[] = [];
    for (const v of fetched.versions) {
      if (!VERSION_NAME.test(v.version)) continue;
      let meta: { created_at?: string; created_by?: string; parent_version?: string | null };
      try {
        meta = JSON.parse(v.text) as typeof meta;
      } catch {
        deps.log(`prompt version ${v.version} on the server is not valid JSON; not pulled`);
        continue;
      }
      versions.push(
        await writePulledVersion(deps.promptVersionsDir, {
          version: v.version,
          text: v.text,
          parent_version: meta.parent_version ?? null,
          created_at: meta.created_at ?? '',
          created_by: meta.created_by ?? '',
        }),
      );
    }
    const state: Record<string, unknown> = {};
    for (const [table, cursor] of Object.entries(fetched.cursors)) state[cursorKey(table as Table)] = cursor;
    // A malformed row is skipped and logged, never retried: the cursors move past it, so it
    // cannot stop the pulls after it.
    let skipped = 0;
    const usable = <T>(rows: T[], table: string, id: (row: T) => string, problem: (row: T) => string | null): T[] =>
      rows.filter((row) => {
        const why = problem(row);
        if (why === null) return true;
        skipped++;
        deps.log(`pulled ${table} row ${id(row)} skipped: ${why}`);
        return false;
      });
    const counts = store.sync.applyPulled({
      images: usable(fetched.images, 'images', (i) => i.sha256, imageProblem),
      experiments: usable(fetched.experiments, 'experiments', (e) => e.id, experimentProblem),
      overlap_marks: fetched.overlapMarks,
      quality_marks: fetched.qualityMarks,
      ratings: usable(fetched.ratings, 'pair_ratings', (r) => r.id, ratingProblem),
      retractions: usable(fetched.retractions, 'rating_retractions', (x) => x.id, retractionProblem),
      skips: usable(fetched.skips, 'skips', (k) => k.id, skipProblem),
      prompt_versions: versions,
      state,
    });
    for (const row of counts.skipped) deps.log(`pulled ${row.table} row ${row.id} skipped: ${row.reason}`);
    totals.skipped += skipped + counts.skipped.length;
    totals.ratings += counts.ratings;
    totals.retractions += counts.retractions;
    totals.skips += counts.skips;
    totals.experiments += counts.experiments;
    totals.prompt_versions += counts.prompt_versions;
    if (fetched.more) continue;
    if (fetched.decision) totals.current_version = await followDecision(store, deps.promptVersionsDir, fetched.decision, deps.log);
    return totals;
  }
}
