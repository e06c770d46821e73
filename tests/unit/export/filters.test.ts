import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptLookup, runExport, type ExportFilters, type ExportRequest } from '../../../core/export';
import { makeDataFolder } from '../../helpers/export-data';
import { query, q } from '../../helpers/duckdb';
import { repoRoot } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const dir = tempDir('latina-export-filters-');
afterAll(() => dir.remove());
const dataDir = join(dir.path, 'data');
let clock = 0;
let day = 0;
// One pair a day from 2026-01-01 (`day` moves on per pair), so date filters pick whole pairs.
const now = () => new Date(Date.UTC(2026, 0, 1 + day, 12, 0, clock++ % 60)).toISOString();
const prompts = () => promptLookup(join(repoRoot, 'prompts'), dataDir);
let skippedId = '';

beforeAll(async () => {
  const data = await makeDataFolder(dataDir, now);
  const ratedPair = (spec: Parameters<typeof data.ratedPair>[0]) => {
    day += 1;
    return data.ratedPair(spec);
  };
  // 10 pairs by ana rated 1..5, two by bo, one by Stable Diffusion, one with an unknown prompt
  // version, and 20 by a rater who always picks A (flagged for side bias).
  for (let i = 0; i < 10; i += 1) await ratedPair({ source: i, ratingA: 1 + (i % 5), ratingB: 5 - (i % 5), outcome: i % 2 === 0 ? 'A' : 'B' });
  for (let i = 0; i < 2; i += 1) await ratedPair({ source: 10 + i, ratingA: 4, ratingB: 2, outcome: 'A', rater: 'bo@studio' });
  await ratedPair({ source: 12, ratingA: 2, ratingB: 4, outcome: 'B', provider: 'stablediffusion' });
  await ratedPair({ source: 13, ratingA: 2, ratingB: 4, outcome: 'B', promptVersion: 'v9.9.9' });
  for (let i = 0; i < 20; i += 1) await ratedPair({ source: 14 + i, ratingA: 3, ratingB: 2, outcome: 'A', rater: 'lefty@studio' });
  // A pair shown and skipped: no rating.
  const source = await data.image('source', 99);
  data.store.images.recordSource(source, 'skipped render');
  const out = [await data.image('output', 200), await data.image('output', 202)];
  skippedId = 'exp_skipped';
  data.store.experiments.create({
    id: skippedId,
    source_sha256: source.sha256,
    mode: 'surfaces',
    priority: 0,
    options: (['A', 'B'] as const).map((label, i) => ({
      id: `opt_skip_${label}`,
      label,
      provider: 'local' as const,
      parameters: { api: 'local' as const, init_strength: 0.3, guidance_scale: 7, controlnet_weight: 0.9 },
      origin: 'test',
      prompt_version: 'v1.0.0',
      seed: i,
    })),
  });
  out.forEach((o, i) => {
    data.store.images.record(o);
    data.store.experiments.setOptionOutput(`opt_skip_${i === 0 ? 'A' : 'B'}`, { output_sha256: o.sha256, latency_ms: 1, cost_usd: 0, details: {} });
  });
  data.store.experiments.finishGeneration(skippedId, null);
  data.store.ratings.skip('skp_1', skippedId, 'ana@studio', 'cannot tell');
  data.store.close();
});

let n = 0;
async function exportWith(filters: ExportFilters, extra: Partial<ExportRequest> = {}) {
  const out = join(dir.path, `out-${n++}`);
  const summary = await runExport({ format: 'jsonl', out, filters, ...extra }, { dataDir, prompts: prompts() });
  const files = extra.format === 'pairwise' ? `read_parquet(${q(join(out, 'data', '*.parquet'))})` : `read_json_auto(${q(join(out, '*.jsonl'))})`;
  const rows = await query(`SELECT * FROM ${files}`);
  const excluded = Object.fromEntries(summary.excluded.map((e) => [e.reason, e.pairs]));
  return { rows, excluded, summary };
}

const experiments = (rows: Record<string, unknown>[]) => new Set(rows.map((r) => r.experiment_id));

describe('export filters, each stating what it left out', () => {
  it('with no filters keeps every rated pair and leaves out the skipped one', async () => {
    const { rows, excluded } = await exportWith({});
    expect(experiments(rows).size).toBe(34);
    expect(excluded).toEqual({ skipped_pair: 1 });
  });

  it('date range: from is inclusive, to exclusive', async () => {
    const { rows, excluded } = await exportWith({ from: '2026-01-03', to: '2026-01-06' });
    expect(new Set(rows.map((r) => String(r.answered_at).slice(0, 10)))).toEqual(new Set(['2026-01-03', '2026-01-04', '2026-01-05']));
    expect(experiments(rows).size).toBe(3);
    expect(excluded.date_range).toBe(31);
  });

  it('raters: only some, or all but some', async () => {
    const only = await exportWith({ raters: ['bo@studio'] });
    expect(new Set(only.rows.map((r) => r.rater))).toEqual(new Set(['bo@studio']));
    expect(only.excluded.rater_filter).toBe(32);
    const without = await exportWith({ withoutRaters: ['lefty@studio', 'bo@studio'] });
    expect(experiments(without.rows).size).toBe(12);
  });

  it('flagged raters are out by choice', async () => {
    const { rows, excluded } = await exportWith({ withoutFlaggedRaters: true });
    expect(rows.some((r) => r.rater === 'lefty@studio')).toBe(false);
    expect(excluded.flagged_rater).toBe(20);
  });

  it('providers, prompt versions and rating range apply to both options of a pair', async () => {
    const sd = await exportWith({ providers: ['stablediffusion'] });
    expect(experiments(sd.rows).size).toBe(1);
    expect(sd.rows[0]!.prompt).toMatch(/photorealistic/);
    const unknownVersion = await exportWith({ promptVersions: ['v9.9.9'] });
    expect(unknownVersion.rows.map((r) => r.prompt)).toEqual([null, null]);
    const range = await exportWith({ minRating: 2, maxRating: 4 });
    for (const row of range.rows) expect(Number(row.rating)).toBeGreaterThanOrEqual(2);
    for (const row of range.rows) expect(Number(row.rating)).toBeLessThanOrEqual(4);
    expect(range.excluded.rating_range).toBe(4);
  });

  it('a filter that leaves nothing says what it left out and writes no folder', async () => {
    const out = join(dir.path, 'empty');
    await expect(runExport({ format: 'jsonl', out, filters: { modes: ['surfaces'] } }, { dataDir, prompts: prompts() })).rejects.toMatchObject({
      failure: 'nothing_to_export',
      message: expect.stringMatching(/34 pairs of a mode not chosen.*Widen the filters/),
    });
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir.path).some((name) => name.includes('.partial-'))).toBe(false);
  });

  it('pairwise can include skipped pairs as unlabeled rows outside train', async () => {
    const { rows, summary } = await exportWith({ includeSkipped: true }, { format: 'pairwise' });
    const skipped = rows.filter((r) => r.experiment_id === skippedId);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ has_label: false, label_0: 0.5, label_1: 0.5, outcome: null, rating_id: null });
    expect(summary.pairs.unlabeled).toBe(1);
  });
});
