import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageFilePath } from '../../../core/images';
import { promptLookup, runExport } from '../../../core/export';
import { makeDataFolder } from '../../helpers/export-data';
import { query, q } from '../../helpers/duckdb';
import { repoRoot } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const dir = tempDir('latina-export-row-groups-');
afterAll(() => dir.remove());
const dataDir = join(dir.path, 'data');
let clock = 0;
const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString();
const prompts = () => promptLookup(join(repoRoot, 'prompts'), dataDir);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const pairs: { experimentId: string; shas: [string, string]; source: number }[] = [];
const openFds = () => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : 0);

beforeAll(async () => {
  const data = await makeDataFolder(dataDir, now);
  for (let n = 0; n < 40; n += 1) pairs.push({ ...(await data.ratedPair({ source: n % 10, ratingA: 4, ratingB: 2, outcome: n % 2 ? 'A' : 'B' })), source: n % 10 });
  data.store.close();
});

const rowsOf = (out: string) => query(`SELECT experiment_id, jpg_0, jpg_1, image_0_uid, image_1_uid, stored_mime_0, stored_mime_1 FROM read_parquet(${q(join(out, 'data', '*.parquet'))}) ORDER BY experiment_id`);
const rowGroups = async (file: string) => ((await query(`SELECT count(DISTINCT row_group_id)::INT AS n FROM parquet_metadata(${q(file)})`)) as [{ n: number }])[0].n;

describe('pairwise row groups', () => {
  it('a one-byte budget gives a row group per pair, with the same rows and bytes as one big row group', async () => {
    const small = join(dir.path, 'small-groups');
    const big = join(dir.path, 'big-groups');
    const summary = await runExport({ format: 'pairwise', out: small }, { dataDir, prompts: prompts(), pairwise: { rowGroupBudgetBytes: 1 } });
    await runExport({ format: 'pairwise', out: big }, { dataDir, prompts: prompts() });
    expect(await rowGroups(join(small, 'data', 'train.parquet'))).toBe(summary.pairs.train);
    expect(summary.pairs.train).toBeGreaterThan(5);
    expect(await rowGroups(join(big, 'data', 'train.parquet'))).toBe(1);
    const rows = await rowsOf(small);
    expect(rows).toHaveLength(40);
    expect(rows).toEqual(await rowsOf(big));
    for (const row of rows) {
      for (const i of [0, 1]) {
        if (row[`stored_mime_${i}`] === 'image/jpeg') expect(sha256((row[`jpg_${i}`] as { bytes: Uint8Array }).bytes)).toBe(row[`image_${i}_uid`]);
      }
    }
    const manifest = JSON.parse(readFileSync(join(small, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
    for (const f of manifest.files) expect(sha256(readFileSync(join(small, f.path)))).toBe(f.sha256);
  });

  it('an image that fails after earlier row groups were written leaves no file, folder or open file behind', async () => {
    // The last pair in export order (by source render), so every pair before it is already a written row group.
    const renders = await query(`SELECT experiment_id, source_render_id FROM read_parquet(${q(join(dir.path, 'big-groups', 'data', '*.parquet'))}) ORDER BY source_render_id, experiment_id`);
    const victim = pairs.find((p) => p.experimentId === renders.at(-1)!.experiment_id)!;
    const file = ['image/jpeg', 'image/png'].map((mime) => imageFilePath(join(dataDir, 'images'), victim.shas[0], mime as 'image/jpeg')).find(existsSync)!;
    const saved = readFileSync(file);
    rmSync(file);
    mkdirSync(file);
    const fdsBefore = openFds();
    try {
      const out = join(dir.path, 'fails');
      await expect(runExport({ format: 'pairwise', out }, { dataDir, prompts: prompts(), pairwise: { rowGroupBudgetBytes: 1 } })).rejects.toMatchObject({
        failure: 'image_unreadable',
        message: expect.stringContaining(victim.shas[0]),
      });
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir.path).filter((n) => n.startsWith('fails'))).toEqual([]);
      expect(openFds()).toBe(fdsBefore);
    } finally {
      rmSync(file, { recursive: true });
      writeFileSync(file, saved);
    }
  });
});
