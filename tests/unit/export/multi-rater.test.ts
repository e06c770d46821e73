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

// 8 renders, 2 pairs each, rated by ana. A second trainer (bo) answered overlap copies of 4 of
// them, three with the sides drawn the other way; a gold pair and a repeat come from the same
// renders. The copies must stay as rows of their own, beside their pair's, in its split and with
// its images; the gold and repeat pairs must not be there.
const copies = new Map<string, { origin: string; swapped: boolean }>();
const origins: string[] = [];
let goldId = '';
let repeatId = '';

beforeAll(async () => {
  const data = await makeDataFolder(dataDir, now);
  let image = 0;
  const made: { id: string; source: number; images: [number, number]; outcome: 'A' | 'B'; ratings: [number, number] }[] = [];
  for (let source = 0; source < 8; source++) {
    for (let k = 0; k < 2; k++) {
      const images: [number, number] = [image++, image++];
      const outcome = (source + k) % 2 === 0 ? 'A' : 'B';
      const ratings: [number, number] = outcome === 'A' ? [4, 2] : [1, 5];
      const pair = await data.ratedPair({ source, ratingA: ratings[0], ratingB: ratings[1], outcome, images });
      made.push({ id: pair.experimentId, source, images, outcome, ratings });
    }
  }
  for (const [i, origin] of [made[0]!, made[3]!, made[6]!, made[9]!].entries()) {
    const swapped = i !== 1;
    const outcome = swapped ? (origin.outcome === 'A' ? 'B' : 'A') : origin.outcome;
    const ratings = swapped ? ([origin.ratings[1], origin.ratings[0]] as [number, number]) : origin.ratings;
    const images = swapped ? ([origin.images[1], origin.images[0]] as [number, number]) : origin.images;
    const copy = await data.ratedPair({ source: origin.source, ratingA: ratings[0], ratingB: ratings[1], outcome, images, rater: 'bo@studio' });
    data.store.overlap.record({ experiment_id: copy.experimentId, origin_experiment_id: origin.id, origin_rater: 'ana@studio', claimed_by: 'bo@studio', swapped, claimed_at: now() });
    copies.set(copy.experimentId, { origin: origin.id, swapped });
    origins.push(origin.id);
  }
  const gold = await data.ratedPair({ source: 1, ratingA: 5, ratingB: 1, outcome: 'A', images: [made[2]!.images[0], 90] });
  data.store.quality.markGold(gold.experimentId, 'B', 'warp');
  goldId = gold.experimentId;
  const repeated = made[4]!;
  const repeat = await data.ratedPair({ source: repeated.source, ratingA: 2, ratingB: 4, outcome: 'B', images: [repeated.images[1], repeated.images[0]] });
  data.store.quality.markRepeat(repeat.experimentId, repeated.id);
  repeatId = repeat.experimentId;
  data.store.close();
});

const prompts = () => promptLookup(join(repoRoot, 'prompts'), dataDir);

describe('export of pairs rated by two trainers, and of gold and repeat pairs', () => {
  let summary: ExportSummary;
  let rows: Record<string, unknown>[];
  const out = () => join(dir.path, 'pairwise');

  beforeAll(async () => {
    // Splits wide enough that the renders land in more than one.
    summary = await runExport({ format: 'pairwise', out: out(), seed: 3, splits: { train: 0.5, validation: 0.25, test: 0.25 } }, { dataDir, prompts: prompts() });
    rows = await query(
      `SELECT experiment_id, pair_id, overlap_copy, rater_id, label_0, image_0_uid, image_1_uid, md5(jpg_0) AS jpg0, md5(jpg_1) AS jpg1,
              source_render_id, render_split, regexp_extract(filename, '([a-z]+)\\.parquet$', 1) AS file_split
         FROM read_parquet(${q(join(out(), 'data', '*.parquet'))}, filename = true)`,
    );
  });

  it('leaves the gold and repeat pairs out, each counted under its own reason', () => {
    const ids = rows.map((r) => r.experiment_id);
    expect(ids).not.toContain(goldId);
    expect(ids).not.toContain(repeatId);
    expect(rows).toHaveLength(16 + copies.size);
    expect(Object.fromEntries(summary.excluded.map((e) => [e.reason, e.pairs]))).toMatchObject({ gold_pair: 1, repeat_pair: 1 });
  });

  it('keeps each overlap copy as a row of its own with its rater, naming the pair it copies', () => {
    for (const [copyId, { origin }] of copies) {
      const copy = rows.find((r) => r.experiment_id === copyId)!;
      const first = rows.find((r) => r.experiment_id === origin)!;
      expect(copy).toMatchObject({ pair_id: origin, overlap_copy: true, rater_id: 'bo@studio' });
      expect(first).toMatchObject({ pair_id: origin, overlap_copy: false, rater_id: 'ana@studio' });
      // Same two images as image 0 and 1 whichever side each trainer saw them on, so the labels
      // compare directly: here the two trainers agreed.
      expect([copy.image_0_uid, copy.image_1_uid, copy.jpg0, copy.jpg1]).toEqual([first.image_0_uid, first.image_1_uid, first.jpg0, first.jpg1]);
      expect(copy.label_0).toBe(first.label_0);
      expect(copy.file_split).toBe(first.file_split);
    }
    expect(new Set([...copies.values()].map((c) => c.swapped)).size).toBe(2);
    expect(rows.filter((r) => r.overlap_copy === false).every((r) => r.pair_id === r.experiment_id)).toBe(true);
  });

  it('puts every source render in one split and gives the same bytes one uid', () => {
    const byRender = new Map<unknown, { renders: Set<unknown>; files: Set<unknown> }>();
    for (const r of rows) {
      const seen = byRender.get(r.source_render_id) ?? { renders: new Set(), files: new Set() };
      seen.renders.add(r.render_split);
      if (r.file_split !== 'ties') seen.files.add(r.file_split);
      byRender.set(r.source_render_id, seen);
    }
    expect(byRender.size).toBe(8);
    expect(new Set(rows.map((r) => r.file_split)).size).toBeGreaterThan(1);
    for (const seen of byRender.values()) {
      expect(seen.renders.size).toBe(1);
      expect(seen.files.size).toBe(1);
    }
    const images = rows.flatMap((r) => [
      { uid: r.image_0_uid, bytes: r.jpg0 },
      { uid: r.image_1_uid, bytes: r.jpg1 },
    ]);
    const bytesOfUid = new Map<unknown, Set<unknown>>();
    const uidsOfBytes = new Map<unknown, Set<unknown>>();
    for (const { uid, bytes } of images) {
      bytesOfUid.set(uid, (bytesOfUid.get(uid) ?? new Set()).add(bytes));
      uidsOfBytes.set(bytes, (uidsOfBytes.get(bytes) ?? new Set()).add(uid));
    }
    expect([...bytesOfUid.values()].every((s) => s.size === 1)).toBe(true);
    expect([...uidsOfBytes.values()].every((s) => s.size === 1)).toBe(true);
    // The copies' images are their pairs': no picture is new in the dataset because a second trainer rated it.
    expect(bytesOfUid.size).toBe(32);
  });

  it('marks the copies in the per-image formats too', async () => {
    const jsonl = join(dir.path, 'jsonl');
    await runExport({ format: 'jsonl', out: jsonl, seed: 3 }, { dataDir, prompts: prompts() });
    const lines = await query(`SELECT experiment_id, pair_id, overlap_copy, rater FROM read_json_auto(${q(join(jsonl, '*.jsonl'))})`);
    expect(lines).toHaveLength(2 * (16 + copies.size));
    for (const [copyId, { origin }] of copies) {
      expect(lines.filter((l) => l.experiment_id === copyId)).toEqual([
        { experiment_id: copyId, pair_id: origin, overlap_copy: true, rater: 'bo@studio' },
        { experiment_id: copyId, pair_id: origin, overlap_copy: true, rater: 'bo@studio' },
      ]);
    }
  });
});
