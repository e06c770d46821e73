import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageFilePath } from '../../../core/images';
import { promptLookup, requestProblems, runExport, type ExportRequest } from '../../../core/export';
import { writeFailure } from '../../../core/export/errors';
import { makeDataFolder } from '../../helpers/export-data';
import { repoRoot } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const dir = tempDir('latina-export-failures-');
afterAll(() => dir.remove());
const dataDir = join(dir.path, 'data');
let clock = 0;
const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString();
const prompts = () => promptLookup(join(repoRoot, 'prompts'), dataDir);
const partials = () => readdirSync(dir.path).filter((name) => name.includes('.partial-'));
let shas: [string, string][] = [];

beforeAll(async () => {
  const data = await makeDataFolder(dataDir, now);
  for (let i = 0; i < 6; i += 1) shas.push((await data.ratedPair({ source: i, ratingA: 4, ratingB: 2, outcome: 'A' })).shas);
  data.store.close();
});

const run = (request: Partial<ExportRequest> & { out: string }, signal?: AbortSignal, onProgress?: () => void) =>
  runExport({ format: 'pairwise', ...request }, { dataDir, prompts: prompts(), signal, onProgress });

describe('export failures leave nothing half-written and say what to do', () => {
  it('refuses a folder that holds files, and leaves those files alone', async () => {
    const out = join(dir.path, 'busy');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'mine');
    await expect(run({ out })).rejects.toMatchObject({ failure: 'output_not_empty', message: expect.stringMatching(/not empty\. Choose a new or empty folder/) });
    expect(readdirSync(out)).toEqual(['keep.txt']);
    expect(readFileSync(join(out, 'keep.txt'), 'utf8')).toBe('mine');
    expect(partials()).toEqual([]);
  });

  it('fills an empty folder that exists', async () => {
    const out = join(dir.path, 'empty-ready');
    mkdirSync(out);
    const summary = await run({ out });
    expect(summary.pairs.train! + (summary.pairs.validation ?? 0) + (summary.pairs.test ?? 0)).toBe(6);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });

  it('refuses bad requests before writing anything, naming each problem', async () => {
    const bad: [Partial<ExportRequest>, RegExp][] = [
      [{ format: 'xml' as never }, /Format "xml" is not one of pairwise/],
      [{ filters: { from: 'last week' } }, /from date "last week" is not a date/],
      [{ filters: { from: '2026-02-01', to: '2026-01-01' } }, /must come before the to date/],
      [{ filters: { minRating: 4, maxRating: 2 } }, /minimum rating 4 is above the maximum 2/],
      [{ filters: { minRating: 0 } }, /whole number from 1 to 5/],
      [{ splits: { train: 0.9, validation: 0.2, test: 0 } }, /add up to 1/],
      [{ format: 'csv', filters: { includeSkipped: true } }, /only be included in the pairwise format/],
      [{ filters: { providers: ['midjourney' as never] } }, /Provider "midjourney" is not one of/],
    ];
    for (const [request, message] of bad) {
      const out = join(dir.path, 'never');
      await expect(run({ ...request, out })).rejects.toMatchObject({ failure: 'invalid_request', message: expect.stringMatching(message) });
      expect(existsSync(out)).toBe(false);
    }
    expect(requestProblems({ format: 'csv', out: 'x' })).toEqual([]);
    expect(partials()).toEqual([]);
  });

  it('names the data folder when it holds no workstation database', async () => {
    const out = join(dir.path, 'nodb');
    await expect(runExport({ format: 'csv', out }, { dataDir: join(dir.path, 'nowhere'), prompts: prompts() })).rejects.toMatchObject({
      failure: 'invalid_request',
      message: expect.stringMatching(/No workstation database in .*nowhere/),
    });
    expect(existsSync(out)).toBe(false);
  });

  it('stops on an image that cannot be read, naming it, and removes the partial dataset', async () => {
    const [, sha] = shas[2]!;
    const file = [imageFilePath(join(dataDir, 'images'), sha, 'image/png'), imageFilePath(join(dataDir, 'images'), sha, 'image/jpeg')].find(existsSync)!;
    const saved = readFileSync(file);
    rmSync(file);
    mkdirSync(file);
    try {
      const out = join(dir.path, 'unreadable');
      await expect(run({ out })).rejects.toMatchObject({ failure: 'image_unreadable', message: expect.stringContaining(sha) });
      expect(existsSync(out)).toBe(false);
      expect(partials()).toEqual([]);
    } finally {
      rmSync(file, { recursive: true });
      writeFileSync(file, saved);
    }
  });

  it('leaves out, and counts, pairs whose image file is not on this workstation', async () => {
    const [sha] = shas[4]!;
    const file = [imageFilePath(join(dataDir, 'images'), sha, 'image/png'), imageFilePath(join(dataDir, 'images'), sha, 'image/jpeg')].find(existsSync)!;
    const saved = readFileSync(file);
    rmSync(file);
    try {
      const summary = await run({ out: join(dir.path, 'missing'), format: 'imagefolder' });
      expect(summary.excluded).toContainEqual({ reason: 'image_missing', pairs: 1 });
      expect(readFileSync(join(dir.path, 'missing', 'README.md'), 'utf8')).toMatch(/not on this workstation \(sync to fetch them\) \| 1 \|/);
    } finally {
      writeFileSync(file, saved);
    }
  });

  it('a cancelled export removes what it wrote', async () => {
    const controller = new AbortController();
    const out = join(dir.path, 'cancelled');
    await expect(run({ out }, controller.signal, () => controller.abort())).rejects.toMatchObject({ failure: 'cancelled', message: expect.stringMatching(/cancelled.*removed/) });
    expect(existsSync(out)).toBe(false);
    expect(partials()).toEqual([]);
  });

  it('words a full disk as what to do', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(writeFailure(full, '/datasets/x')).toMatchObject({ failure: 'no_space', message: expect.stringMatching(/ran out of space.*Free some space or choose a folder on another disk/) });
  });
});
