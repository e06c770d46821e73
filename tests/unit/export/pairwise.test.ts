import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptLookup, runExport, type ExportSummary } from '../../../core/export';
import { makeDataFolder } from '../../helpers/export-data';
import { query, q } from '../../helpers/duckdb';
import { repoRoot } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const dir = tempDir('latina-export-');
afterAll(() => dir.remove());
const dataDir = join(dir.path, 'data');
let clock = 0;
const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = (v: unknown) => (v as { bytes: Uint8Array }).bytes;

// 12 source renders, 3 pairs each: decisive answers both ways, one tie and one both-bad, plus a
// gold pair, a swapped repeat, an undone rating and a rater the admin excluded, none of which
// may become a preference.
const expected = new Map<string, { outcome: string; ratingA: number; ratingB: number; source: string }>();
let goldId = '';
let repeatId = '';
let undoneId = '';
let excludedId = '';

beforeAll(async () => {
  const data = await makeDataFolder(dataDir, now);
  for (let source = 0; source < 12; source += 1) {
    for (let k = 0; k < 3; k += 1) {
      const n = source * 3 + k;
      const outcome = n === 4 ? 'tie' : n === 7 ? 'both_bad' : n % 2 === 0 ? 'A' : 'B';
      const ratingA = outcome === 'A' ? 4 : outcome === 'B' ? 2 : 3;
      const ratingB = outcome === 'B' ? 5 : outcome === 'A' ? 1 : 3;
      const pair = await data.ratedPair({ source, ratingA, ratingB, outcome, rater: n % 3 === 0 ? 'bo@studio' : 'ana@studio' });
      expected.set(pair.experimentId, { outcome, ratingA, ratingB, source: data.store.experiments.get(pair.experimentId)!.source_sha256 });
    }
  }
  const gold = await data.ratedPair({ source: 0, ratingA: 5, ratingB: 1, outcome: 'A' });
  data.store.quality.markGold(gold.experimentId, 'B', 'blur');
  goldId = gold.experimentId;
  const repeat = await data.ratedPair({ source: 1, ratingA: 1, ratingB: 4, outcome: 'B' });
  data.store.quality.markRepeat(repeat.experimentId, [...expected.keys()][3]!);
  repeatId = repeat.experimentId;
  const undone = await data.ratedPair({ source: 2, ratingA: 5, ratingB: 2, outcome: 'A', rater: 'cy@studio' });
  data.store.ratings.undoLast('cy@studio', 'rat_undo');
  undoneId = undone.experimentId;
  const excluded = await data.ratedPair({ source: 3, ratingA: 2, ratingB: 5, outcome: 'B', rater: 'dee@studio' });
  data.store.settings.set('excluded_raters', ['dee@studio']);
  excludedId = excluded.experimentId;
  data.store.close();
});

const prompts = () => promptLookup(join(repoRoot, 'prompts'), dataDir);

describe('pairwise export (Pick-a-Pic Parquet), read back with DuckDB', () => {
  let out: string;
  let summary: ExportSummary;
  let rows: Record<string, unknown>[];

  beforeAll(async () => {
    out = join(dir.path, 'pairwise');
    summary = await runExport({ format: 'pairwise', out, seed: 7 }, { dataDir, prompts: prompts() });
    rows = await query(`SELECT *, regexp_extract(filename, '([a-z]+)\\.parquet$', 1) AS file_split FROM read_parquet(${q(join(out, 'data', '*.parquet'))}, filename = true)`);
  });

  it('writes every rated pair once and none of the gold, repeat, undone or excluded ones', () => {
    expect(rows).toHaveLength(36);
    expect(new Set(rows.map((r) => r.experiment_id))).toEqual(new Set(expected.keys()));
    for (const id of [goldId, repeatId, undoneId, excludedId]) expect(rows.some((r) => r.experiment_id === id)).toBe(false);
    const excluded = Object.fromEntries(summary.excluded.map((e) => [e.reason, e.pairs]));
    expect(excluded).toMatchObject({ gold_pair: 1, repeat_pair: 1, retracted_or_replaced: 1, excluded_rater: 1 });
  });

  it('labels each row from the trainer’s answer, with image 0 drawn from the seed, not always A', () => {
    for (const row of rows) {
      const truth = expected.get(row.experiment_id as string)!;
      const winner = truth.outcome === 'A' || truth.outcome === 'B' ? truth.outcome : null;
      const label0 = winner === null ? 0.5 : row.option_0 === winner ? 1 : 0;
      expect(row.label_0).toBe(label0);
      expect(row.label_1).toBe(1 - label0);
      expect(row.rating_0).toBe(row.option_0 === 'A' ? truth.ratingA : truth.ratingB);
      expect(row.best_image_uid).toBe(label0 === 0.5 ? '' : label0 === 1 ? row.image_0_uid : row.image_1_uid);
      expect(row.has_label).toBe(true);
      expect(row.are_different).toBe(true);
      expect(row.source_render_id).toBe(truth.source);
    }
    const bFirst = rows.filter((r) => r.option_0 === 'B').length;
    expect(bFirst).toBeGreaterThan(5);
    expect(bFirst).toBeLessThan(31);
  });

  it('embeds JPEG bytes: stored JPEGs as they are (hash = uid), stored PNGs re-encoded to JPEG', () => {
    for (const row of rows) {
      for (const i of [0, 1]) {
        const bytes = bytesOf(row[`jpg_${i}`]);
        expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
        if (row[`stored_mime_${i}`] === 'image/jpeg') expect(sha256(bytes)).toBe(row[`image_${i}_uid`]);
      }
    }
    expect(rows.some((r) => r.stored_mime_0 === 'image/png')).toBe(true);
  });

  it('keeps every render in one of train/validation/test and ties in a split of their own', () => {
    const splitOfRender = new Map<string, string>();
    for (const row of rows) {
      expect(row.file_split).not.toBe('');
      if (row.file_split === 'ties') {
        expect(['tie', 'both_bad']).toContain(row.outcome);
        continue;
      }
      expect(row.render_split).toBe(row.file_split);
      const seen = splitOfRender.get(row.source_render_id as string);
      if (seen) expect(seen).toBe(row.file_split);
      splitOfRender.set(row.source_render_id as string, row.file_split as string);
    }
    expect(rows.filter((r) => r.file_split === 'ties')).toHaveLength(2);
    expect(rows.filter((r) => r.file_split === 'train').length).toBeGreaterThan(0);
  });

  it('carries the workstation’s columns: rater id beside a stable user_id, prompt text, parameters', () => {
    const byRater = new Map<string, Set<unknown>>();
    for (const row of rows) byRater.set(row.rater_id as string, (byRater.get(row.rater_id as string) ?? new Set()).add(row.user_id));
    expect([...byRater.keys()].sort()).toEqual(['ana@studio', 'bo@studio']);
    for (const ids of byRater.values()) expect(ids.size).toBe(1);
    expect(rows[0]!.caption).toMatch(/photorealistic interior design render/);
    expect(rows[0]!.prompt_version_0).toBe('v1.0.0');
    expect(JSON.parse(rows[0]!.parameters_0 as string)).toMatchObject({ api: 'local', guidance_scale: 7 });
    expect(rows[0]!.created_at).toBeTruthy();
  });

  it('writes a manifest whose sha256 matches every file, and a card with counts and exclusions', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; bytes: number }[] };
    const listed = manifest.files.map((f) => f.path).sort();
    expect(listed).toEqual(expect.arrayContaining(['README.md', 'data/ties.parquet', 'data/train.parquet']));
    for (const f of manifest.files) expect(sha256(readFileSync(join(out, f.path)))).toBe(f.sha256);
    const card = readFileSync(join(out, 'README.md'), 'utf8');
    expect(card).toMatch(/^---\nlicense: "other"\nconfigs:/);
    expect(card).toContain('| ties | 2 | 2 |');
    expect(card).toMatch(/\| gold pairs \(one side a deliberately broken copy.* \| 1 \|/);
    expect(card).toMatch(/\| repeats \(a pair shown again.* \| 1 \|/);
    expect(card).toMatch(/\| bo@studio \| \d+ \| 12 \|/);
    expect(readdirSync(dir.path).some((n) => n.includes('.partial-'))).toBe(false);
  });

  it('gives the same dataset for the same seed and a different image order for another', async () => {
    const again = join(dir.path, 'pairwise-again');
    const other = join(dir.path, 'pairwise-other');
    await runExport({ format: 'pairwise', out: again, seed: 7 }, { dataDir, prompts: prompts() });
    await runExport({ format: 'pairwise', out: other, seed: 8 }, { dataDir, prompts: prompts() });
    const order = async (o: string) =>
      (await query(`SELECT experiment_id, option_0 FROM read_parquet(${q(join(o, 'data', '*.parquet'))}) ORDER BY experiment_id`)).map((r) => r.option_0).join('');
    expect(await order(again)).toBe(await order(out));
    expect(await order(other)).not.toBe(await order(out));
  });

  it('drops ties when asked, and says so in the card', async () => {
    const dropped = join(dir.path, 'pairwise-no-ties');
    const result = await runExport({ format: 'pairwise', out: dropped, ties: 'drop' }, { dataDir, prompts: prompts() });
    expect(existsSync(join(dropped, 'data', 'ties.parquet'))).toBe(false);
    expect(result.excluded).toContainEqual({ reason: 'tie_dropped', pairs: 2 });
    const [{ n }] = (await query(`SELECT count(*)::INT AS n FROM read_parquet(${q(join(dropped, 'data', '*.parquet'))})`)) as [{ n: number }];
    expect(n).toBe(34);
  });
});
