import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptLookup, runExport } from '../../../core/export';
import { makeDataFolder } from '../../helpers/export-data';
import { query, q } from '../../helpers/duckdb';
import { repoRoot } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const dir = tempDir('latina-export-formats-');
afterAll(() => dir.remove());
const dataDir = join(dir.path, 'data');
let clock = 0;
const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const prompts = () => promptLookup(join(repoRoot, 'prompts'), dataDir);

// Per option: the rating the trainer gave, by experiment and label.
const ratings = new Map<string, number>();
let pairs = 0;

beforeAll(async () => {
  const data = await makeDataFolder(dataDir, now);
  // Source 0's three pairs share image 1: a render whose images are compared across pairs.
  const specs = [
    { source: 0, ratingA: 4, ratingB: 2, outcome: 'A' as const, images: [1, 2] as [number, number] },
    { source: 0, ratingA: 2, ratingB: 5, outcome: 'B' as const, images: [1, 3] as [number, number] },
    { source: 0, ratingA: 3, ratingB: 3, outcome: 'tie' as const, images: [2, 3] as [number, number] },
    ...Array.from({ length: 15 }, (_, i) => ({ source: 1 + i, ratingA: 1 + (i % 5), ratingB: 5 - (i % 5), outcome: (i % 2 === 0 ? 'A' : 'B') as 'A' | 'B' })),
  ];
  for (const spec of specs) {
    const pair = await data.ratedPair(spec);
    ratings.set(`${pair.experimentId}:A`, spec.ratingA);
    ratings.set(`${pair.experimentId}:B`, spec.ratingB);
    pairs += 1;
  }
  data.store.close();
});

describe('ImageFolder export, read back with DuckDB', () => {
  it('writes <split>/metadata.jsonl with file_name beside its images, one row per rated option', async () => {
    const out = join(dir.path, 'imagefolder');
    const summary = await runExport({ format: 'imagefolder', out }, { dataDir, prompts: prompts() });
    const rows = await query(`SELECT *, filename FROM read_json_auto(${q(join(out, '*', 'metadata.jsonl'))}, filename = true)`);
    expect(rows).toHaveLength(2 * pairs);
    expect(Object.values(summary.rows).reduce((a, b) => a! + b!, 0)).toBe(2 * pairs);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
    const hashes = new Map(manifest.files.map((f) => [f.path, f.sha256]));
    for (const row of rows) {
      const split = (row.filename as string).split('/').at(-2)!;
      expect(split).toBe(row.split);
      const file = join(out, split, row.file_name as string);
      const bytes = readFileSync(file);
      // The store names images by their sha256, and the dataset keeps the bytes as stored.
      expect(sha256(bytes)).toBe(row.image_sha256);
      expect(hashes.get(`${split}/${row.file_name}`)).toBe(row.image_sha256);
      expect(Number(row.rating)).toBe(ratings.get(`${row.experiment_id}:${row.option}`));
      expect(row.prompt).toMatch(/photorealistic/);
    }
    // No render in two splits.
    const splits = new Map<string, Set<unknown>>();
    for (const row of rows) splits.set(row.source_render_id as string, (splits.get(row.source_render_id as string) ?? new Set()).add(row.split));
    for (const s of splits.values()) expect(s.size).toBe(1);
  });
});

describe('ImageReward rankings export', () => {
  it('ranks every image of a render and prompt by its mean rating, 1 = best, equal means tied', async () => {
    const out = join(dir.path, 'rankings');
    await runExport({ format: 'rankings', out }, { dataDir, prompts: prompts() });
    const [{ n }] = (await query(`SELECT count(*)::INT AS n FROM read_json_auto(${q(join(out, '*.json'))}) WHERE prompt IS NOT NULL`)) as [{ n: number }];
    expect(n).toBe(16);
    const entries = ['train', 'validation', 'test']
      .filter((s) => existsSync(join(out, `${s}.json`)))
      .flatMap((s) => JSON.parse(readFileSync(join(out, `${s}.json`), 'utf8')) as { generations: string[]; ranking: number[]; mean_ratings: number[]; image_sha256: string[] }[]);
    expect(entries).toHaveLength(16);
    for (const e of entries) {
      e.generations.forEach((g, i) => expect(sha256(readFileSync(join(out, g)))).toBe(e.image_sha256[i]));
      e.ranking.forEach((rank, i) => {
        const better = e.mean_ratings.filter((m) => m > e.mean_ratings[i]!);
        expect(rank).toBe(new Set(better).size + 1);
      });
    }
    // Render 0: image 1 rated 4 and 2, image 2 rated 2 and 3, image 3 rated 5 and 3.
    const three = entries.find((e) => e.generations.length === 3)!;
    expect([...three.mean_ratings].sort()).toEqual([2.5, 3, 4]);
    expect(three.ranking[three.mean_ratings.indexOf(4)]).toBe(1);
    expect(three.ranking[three.mean_ratings.indexOf(2.5)]).toBe(3);
    expect(entries.some((e) => e.ranking[0] === 1 && e.ranking[1] === 1)).toBe(true);
  });
});

describe('CSV and JSONL exports', () => {
  it.each(['csv', 'jsonl'] as const)('%s: one row per rated option, comments with quotes, commas and line breaks intact', async (format) => {
    const out = join(dir.path, format);
    await runExport({ format, out }, { dataDir, prompts: prompts() });
    const reader = format === 'csv' ? `read_csv(${q(join(out, '*.csv'))}, header = true, quote = '"', escape = '"')` : `read_json_auto(${q(join(out, '*.jsonl'))})`;
    const rows = await query(`SELECT * FROM ${reader}`);
    expect(rows).toHaveLength(2 * pairs);
    for (const row of rows) {
      expect(Number(row.rating)).toBe(ratings.get(`${row.experiment_id}:${row.option}`));
      expect(row.comment).toBe(row.option === 'A' ? `a of ${row.experiment_id}, "quoted", with comma` : 'line\nbreak');
      expect(row.prompt_version).toBe('v1.0.0');
    }
    expect(rows.filter((r) => r.outcome === 'tie').every((r) => r.preferred === null)).toBe(true);
  });
});
