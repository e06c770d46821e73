import type pg from 'pg';
import { detailsShownOf } from '../store';
import { RowRefused } from './errors';
import type { PromptDecisionPayload, Shipment } from './shipment';

/** A column of an insert: its name, its PostgreSQL type and how to read it from a row. */
type Column<T> = [name: string, type: string, value: (row: T) => unknown];

/**
 * One `INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING` per table: one round trip
 * whatever the batch size, and rows the server already holds (a retry, a crash between the
 * server's commit and the local "shipped" mark) are skipped, never doubled.
 */
async function insertRows<T>(client: pg.PoolClient, table: string, rows: T[], columns: Column<T>[], workstationId?: string): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name);
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`);
  const params: unknown[] = columns.map(([, , value]) => rows.map(value));
  if (workstationId !== undefined) params.push(workstationId);
  const sql =
    `INSERT INTO ${table} (${names.join(', ')}${workstationId !== undefined ? ', workstation_id' : ''}) ` +
    `SELECT t.*${workstationId !== undefined ? `, $${params.length}::text` : ''} FROM unnest(${arrays.join(', ')}) AS t (${names.join(', ')}) ` +
    'ON CONFLICT DO NOTHING';
  await client.query(sql, params);
}

/**
 * Writes one batch (all but its prompt decisions) inside the caller's transaction, table by table
 * in foreign-key order.
 * Returns the prompt versions the server already holds under the same name with other content.
 */
export async function writeShipment(client: pg.PoolClient, s: Shipment): Promise<string[]> {
  const ws = s.workstationId;
  const raters = [...new Set([...s.ratings, ...s.retractions, ...s.skips].map((r) => r.rated_by))];
  await insertRows(client, 'raters', raters, [['id', 'text', (id) => id]]);
  await insertRows(client, 'images', s.images, [
    ['sha256', 'text', (i) => i.sha256],
    ['mime', 'text', (i) => i.mime],
    ['width', 'int', (i) => i.width],
    ['height', 'int', (i) => i.height],
    ['bytes', 'bigint', (i) => i.bytes],
    ['source_name', 'text', (i) => i.source_name],
  ], ws);
  await insertRows(client, 'experiments', s.experiments, [
    ['id', 'text', (e) => e.id],
    ['source_sha256', 'text', (e) => e.source_sha256],
    ['mode', 'text', (e) => e.mode],
    ['project_id', 'text', (e) => e.project_id],
    ['site_visit_id', 'text', (e) => e.site_visit_id],
    ['created_at', 'timestamptz', (e) => e.created_at],
    ['ready_at', 'timestamptz', (e) => e.ready_at],
  ], ws);
  const options = s.experiments.flatMap((e) => e.options.map((o) => ({ ...o, experiment_id: e.id })));
  await insertRows(client, 'parameter_experiments', options, [
    ['id', 'text', (o) => o.id],
    ['experiment_id', 'text', (o) => o.experiment_id],
    ['label', 'text', (o) => o.label],
    ['provider', 'text', (o) => o.provider],
    ['parameters', 'jsonb', (o) => JSON.stringify(o.parameters)],
    ['origin', 'text', (o) => o.origin],
    ['prompt_version', 'text', (o) => o.prompt_version],
    ['seed', 'bigint', (o) => o.seed],
    ['output_sha256', 'text', (o) => o.output_sha256],
    ['latency_ms', 'float8', (o) => o.latency_ms],
    ['cost_usd', 'float8', (o) => o.cost_usd],
  ]);
  await insertRows(client, 'quality_pairs', s.qualityPairs, [
    ['experiment_id', 'text', (q) => q.experiment_id],
    ['kind', 'text', (q) => q.kind],
    ['broken_label', 'text', (q) => q.broken_label],
    ['defect', 'text', (q) => q.defect],
    ['repeat_of', 'text', (q) => q.repeat_of],
    ['created_at', 'timestamptz', (q) => q.created_at],
  ]);

  await insertRows(client, 'pair_ratings', s.ratings, [
    ['id', 'text', (r) => r.id],
    ['experiment_id', 'text', (r) => r.experiment_id],
    ['rated_by', 'text', (r) => r.rated_by],
    ['outcome', 'text', (r) => r.outcome],
    ['shown_at', 'timestamptz', (r) => r.shown_at],
    ['answered_at', 'timestamptz', (r) => r.answered_at],
    ['details_shown', 'boolean', detailsShownOf],
  ], ws);
  const scores = s.ratings.flatMap((r) => {
    const byLabel = new Map((s.options.get(r.experiment_id) ?? []).map((o) => [o.label, o.id]));
    return [
      { rating_id: r.id, label: 'A', option_id: byLabel.get('A'), rating: r.rating_a, comment: r.comment_a ?? '' },
      { rating_id: r.id, label: 'B', option_id: byLabel.get('B'), rating: r.rating_b, comment: r.comment_b ?? '' },
    ];
  });
  const orphan = scores.find((x) => !x.option_id);
  if (orphan) throw new RowRefused(`Rating ${orphan.rating_id} refers to a pair whose options are not on this workstation.`);
  await insertRows(client, 'enhancement_ratings', scores, [
    ['rating_id', 'text', (x) => x.rating_id],
    ['option_label', 'text', (x) => x.label],
    ['option_id', 'text', (x) => x.option_id],
    ['rating', 'smallint', (x) => x.rating],
    ['comment', 'text', (x) => x.comment],
  ]);
  await insertRows(client, 'rating_retractions', s.retractions, [
    ['id', 'text', (x) => x.id],
    ['rating_id', 'text', (x) => x.supersedes],
    ['experiment_id', 'text', (x) => x.experiment_id],
    ['rated_by', 'text', (x) => x.rated_by],
    ['retracted_at', 'timestamptz', (x) => x.answered_at],
  ], ws);
  await insertRows(client, 'skips', s.skips, [
    ['id', 'text', (k) => k.id],
    ['experiment_id', 'text', (k) => k.experiment_id],
    ['rated_by', 'text', (k) => k.rated_by],
    ['reason', 'text', (k) => k.reason],
    ['skipped_at', 'timestamptz', (k) => k.skipped_at],
  ], ws);

  const versions = s.promptVersions
    .filter((v) => v.text !== null)
    .map((v) => ({ ...v, leonardo: (JSON.parse(v.text!) as { leonardo?: { prompt?: string; negative_prompt?: string } }).leonardo }));
  // The seed's prompt and negative_prompt keep their meaning for the old web system: the Leonardo
  // block's text. Its created_at has no zone; the sync's sessions run in UTC. The server fills
  // created_by with this login (the file's own creator, e.g. the evolver, is in the content).
  await insertRows(client, 'prompt_versions', versions, [
    ['version', 'text', (v) => v.version],
    ['prompt', 'text', (v) => v.leonardo?.prompt ?? null],
    ['negative_prompt', 'text', (v) => v.leonardo?.negative_prompt ?? null],
    ['created_at', 'timestamptz', (v) => v.created_at],
    ['content', 'json', (v) => v.text],
    ['sha256', 'text', (v) => v.sha256],
    ['parent_version', 'text', (v) => v.parent_version],
  ], ws);
  let conflicts: string[] = [];
  if (versions.length) {
    const held = await client.query<{ version: string; sha256: string | null }>(
      'SELECT version, sha256 FROM prompt_versions WHERE version = ANY($1::text[])',
      [versions.map((v) => v.version)],
    );
    const mine = new Map(versions.map((v) => [v.version, v.sha256]));
    conflicts = held.rows.filter((row) => row.sha256 !== mine.get(row.version)).map((row) => row.version);
  }

  return conflicts;
}

/**
 * Publishes one admin decision with the sha256 of the version file it makes current, so other
 * workstations follow the content the admin saw, not whatever holds that name. Only admins' logins
 * may: a decision shipped with a trainer's login is refused for good, on its own, and the
 * judgements around it still ship.
 */
export async function writeDecision(client: pg.PoolClient, decision: PromptDecisionPayload, sha256: string | null, workstationId: string): Promise<void> {
  if (sha256 === null) {
    throw new RowRefused(`Prompt decision ${decision.id} names ${decision.version}, whose file is not indexed on this workstation, so it cannot say which content was chosen.`);
  }
  try {
    await insertRows(client, 'prompt_decisions', [decision], [
      ['id', 'text', (d) => d.id],
      ['version', 'text', (d) => d.version],
      ['sha256', 'text', () => sha256],
      ['decided_by', 'text', (d) => d.decided_by],
      ['decided_at', 'timestamptz', (d) => d.decided_at],
      ['note', 'text', (d) => d.note ?? ''],
    ], workstationId);
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
    throw new RowRefused(
      `Prompt decision ${decision.id} (make ${decision.version} current) was not published: only an admin's PostgreSQL login may publish ` +
        'which prompt version is current, and this workstation syncs with a trainer login. Sign in with an admin login and decide again.',
    );
  }
}
