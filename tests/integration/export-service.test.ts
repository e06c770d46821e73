import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportStatus } from '../../core/api';
import type { Service } from '../../core/service';
import { makeDataFolder } from '../helpers/export-data';
import { query, q } from '../helpers/duckdb';
import { startService } from '../helpers/service';
import { tempDir } from '../helpers/temp';

// The export through the contract: started off the request path, followed by events, one at a
// time, cancellable, admin-only, and never leaving a folder under the dataset's name before it is complete.
const dir = tempDir('latina-export-service-');
const dataDir = join(dir.path, 'data');
const PAIRS = 30;
let clock = 0;
const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString();
let service: Service;
const shown: string[] = [];

beforeAll(async () => {
  const data = await makeDataFolder(dataDir, now);
  for (let i = 0; i < PAIRS; i += 1) await data.ratedPair({ source: i % 10, ratingA: 1 + (i % 5), ratingB: 5 - (i % 5), outcome: i % 2 === 0 ? 'A' : 'B' });
  data.store.close();
  service = await startService(dataDir, { fileManager: { show: (target) => void shown.push(target) } });
}, 120_000);

afterAll(async () => {
  await service?.close();
  dir.remove();
});

const partials = () => readdirSync(dir.path).filter((name) => name.includes('.partial-'));

/** Every exportProgress event until the export ends; `each` sees each one as it arrives. */
function followExport(each: (status: ExportStatus) => void = () => {}): Promise<ExportStatus[]> {
  const seen: ExportStatus[] = [];
  return new Promise((resolve) => {
    const off = service.subscribe('exportProgress', (payload) => {
      const status = payload as ExportStatus;
      seen.push(status);
      each(status);
      if (status.state !== 'running') {
        off();
        resolve(seen);
      }
    });
  });
}

describe('dataset export through the contract', () => {
  it('answers at once, reports progress as events, and keeps the summary; DuckDB reads what it wrote', async () => {
    const out = join(dir.path, 'pairwise');
    const outExistedWhileRunning: boolean[] = [];
    const events = followExport((status) => {
      if (status.state === 'running') outExistedWhileRunning.push(existsSync(out));
    });
    const started = await service.call('export.start', { format: 'pairwise', out, seed: 7 });
    expect(started).toMatchObject({ state: 'running', request: { format: 'pairwise', out, source: 'local' }, summary: null, error: null });
    const seen = await events;

    const progress = seen.filter((s) => s.progress !== null).map((s) => s.progress!.phase);
    expect(progress).toContain('rows');
    expect(progress).toContain('manifest');
    expect(seen.map((s) => s.revision)).toEqual([...seen.map((s) => s.revision)].sort((a, b) => a - b));
    // The dataset's own name appears only with the final rename.
    expect(outExistedWhileRunning.length).toBeGreaterThan(0);
    expect(outExistedWhileRunning.every((existed) => !existed)).toBe(true);

    const done = seen.at(-1)!;
    expect(done.state).toBe('done');
    expect(done.summary!.out).toBe(out);
    const written = Object.values(done.summary!.pairs).reduce((a, b) => a! + b!, 0);
    expect(written).toBe(PAIRS);
    const rows = await query(`SELECT label_0, label_1 FROM read_parquet(${q(join(out, 'data', '*.parquet'))})`);
    expect(rows).toHaveLength(PAIRS);
    expect(rows.every((r) => Number(r.label_0) + Number(r.label_1) === 1)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path)).toContain('README.md');
    expect(partials()).toEqual([]);

    // The outcome stays readable until the next export starts.
    expect(await service.call('export.status', {})).toMatchObject({ state: 'done', summary: { out, raters: 1 }, revision: done.revision });
  });

  it('"Show in folder" goes to the host\'s file manager with the finished dataset', async () => {
    const status = await service.call('export.status', {});
    expect(status.can_show_in_folder).toBe(true);
    expect(await service.call('export.showInFolder', {})).toEqual({ shown: true, path: status.summary!.out, reason: null });
    expect(shown).toEqual([status.summary!.out]);
  });

  it('refuses a second export while one runs, and the first one finishes', async () => {
    const first = join(dir.path, 'first');
    const events = followExport();
    await service.call('export.start', { format: 'csv', out: first });
    await expect(service.call('export.start', { format: 'jsonl', out: join(dir.path, 'second') })).rejects.toMatchObject({
      code: 'conflict',
      message: `An export to ${first} is running. Wait for it to finish or cancel it, then start this one.`,
    });
    expect((await events).at(-1)).toMatchObject({ state: 'done', summary: { format: 'csv', out: first } });
    expect(existsSync(join(dir.path, 'second'))).toBe(false);
  });

  it('a cancel removes the partial dataset, says so, and the next export runs', async () => {
    const out = join(dir.path, 'cancelled');
    // Cancelled as soon as it reports its first rows: the export is surely under way.
    let asked = false;
    const events = followExport((status) => {
      if (status.progress && !asked) {
        asked = true;
        void service.call('export.cancel', {});
      }
    });
    await service.call('export.start', { format: 'imagefolder', out });
    const seen = await events;
    expect(seen.some((s) => s.cancelling)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ state: 'cancelled', summary: null, error: { code: 'cancelled', message: expect.stringMatching(/cancelled\. The partial dataset was removed/) } });
    expect(existsSync(out)).toBe(false);
    expect(partials()).toEqual([]);
    await expect(service.call('export.showInFolder', {})).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/No finished export to show/) });
    await expect(service.call('export.cancel', {})).rejects.toMatchObject({ code: 'conflict', message: 'No export is running, so there is nothing to cancel.' });

    const again = followExport();
    await service.call('export.start', { format: 'imagefolder', out });
    expect((await again).at(-1)).toMatchObject({ state: 'done' });
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });

  it('refuses a folder that holds files, changing nothing, and keeps the last outcome', async () => {
    const before = await service.call('export.status', {});
    const out = join(dir.path, 'busy');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    await expect(service.call('export.start', { format: 'pairwise', out })).rejects.toMatchObject({
      code: 'conflict',
      message: `The folder ${out} is not empty. Choose a new or empty folder; nothing in it was changed.`,
    });
    expect(readdirSync(out)).toEqual(['notes.txt']);
    expect(partials()).toEqual([]);
    expect(await service.call('export.status', {})).toEqual(before);
  });

  it('names every problem of a bad request, as the command line does', async () => {
    await expect(
      service.call('export.start', { format: 'csv', out: 'datasets/june', filters: { from: 'last week', minRating: 4, maxRating: 2, includeSkipped: true } }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/from date "last week" is not a date.*minimum rating 4 is above the maximum 2.*only be included in the pairwise format.*full path .* not "datasets\/june"/) });
    await expect(service.call('export.start', { format: 'xml', out: join(dir.path, 'x') })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/format must be one of pairwise/) });
    expect(existsSync(join(dir.path, 'x'))).toBe(false);
  });

  it('a server export without sync set up is refused at once, saying what to set up; nothing is written', async () => {
    const before = await service.call('export.status', {});
    expect(before.server_source).toBe('sync_not_set_up');
    const out = join(dir.path, 'from-server');
    await expect(service.call('export.start', { format: 'pairwise', out, source: 'server' })).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringMatching(/^Sync is not set up on this workstation, .*Set up sync \(PostgreSQL with an admin's login, and the S3 bucket\) in the sync settings.*Nothing was written\.$/),
    });
    expect(existsSync(out)).toBe(false);
    expect(partials()).toEqual([]);
    expect(await service.call('export.status', {})).toEqual(before);
  });

  it('an export that finds nothing to write fails with the reason and leaves no folder', async () => {
    const out = join(dir.path, 'nothing');
    const events = followExport();
    await service.call('export.start', { format: 'jsonl', out, filters: { raters: ['nobody@studio'] } });
    expect((await events).at(-1)).toMatchObject({ state: 'failed', error: { code: 'nothing_to_export', message: expect.stringMatching(/No rated pair passes the filters.*raters outside the chosen raters/) } });
    expect(existsSync(out)).toBe(false);
  });
});

describe('dataset export on other hosts and for trainers', () => {
  const other = tempDir('latina-export-service-other-');
  afterAll(() => other.remove());

  it('without a file manager, "Show in folder" answers the path for the page to show', async () => {
    const data = await makeDataFolder(join(other.path, 'browser'), now);
    await data.ratedPair({ source: 1, ratingA: 4, ratingB: 2, outcome: 'A' });
    data.store.close();
    const browser = await startService(join(other.path, 'browser'));
    try {
      const out = join(other.path, 'dataset');
      const events = new Promise<void>((resolve) => browser.subscribe('exportProgress', (s) => (s as ExportStatus).state === 'done' && resolve()));
      expect((await browser.call('export.start', { format: 'csv', out })).can_show_in_folder).toBe(false);
      await events;
      expect(await browser.call('export.showInFolder', {})).toEqual({ shown: false, path: out, reason: 'no_file_manager' });
    } finally {
      await browser.close();
    }
  });

  it("refuses a trainer's export calls with forbidden", async () => {
    const trainer = await startService(join(other.path, 'trainer'), { role: 'trainer' });
    try {
      for (const [name, input] of [
        ['export.start', { format: 'csv', out: join(other.path, 'never') }],
        ['export.start', { format: 'csv', out: join(other.path, 'never'), source: 'server' }],
        ['export.status', {}],
        ['export.cancel', {}],
        ['export.showInFolder', {}],
      ] as const) {
        await expect(trainer.call(name, input)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/admin/i) });
      }
      expect(existsSync(join(other.path, 'never'))).toBe(false);
    } finally {
      await trainer.close();
    }
  });
});
