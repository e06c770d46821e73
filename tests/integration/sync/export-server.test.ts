import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, promptLookup, runExport, type ExportFormat, type ExportRequest, type ExportSourceOpener, type ExportSummary } from '../../../core/export';
import { createSync, imageKey, serverExportSource, type SyncConfig } from '../../../core/sync';
import type { RaterAnswerRow } from '../../../core/store';
import { query, q } from '../../helpers/duckdb';
import { makeDataFolder } from '../../helpers/export-data';
import { createFileSecretStore } from '../../../core/host/secrets-file';
import { repoRoot, startService } from '../../helpers/service';
import { until } from '../../helpers/until';
import { createSite, startServers, type Servers, type Site } from './servers';

let servers: Servers;
let site: Site;
let admin: SyncConfig;
let dataDir: string;
let clock = 0;
// Whole milliseconds, as PostgreSQL's microseconds give them back.
const now = () => new Date(Date.UTC(2026, 0, 1, 9, 0, 0, 0) + 1000 * clock++).toISOString();
const prompts = () => promptLookup(join(repoRoot, 'prompts'), dataDir);
const EXCLUDED = ['dee@studio'];
let removedSha = '';
let localAnswers: RaterAnswerRow[] = [];

beforeAll(async () => {
  servers = await startServers();
  site = await createSite(servers);
  const login = await servers.pg.createLogin('latina_admin');
  admin = { ...site.config, postgres: { connectionString: servers.pg.url(site.database, login.user, login.password), connectTimeoutMs: 2000 } };
  dataDir = join(servers.temp.path, 'ws');
  const data = await makeDataFolder(dataDir, now);
  const specs = [
    // A render whose images recur across pairs, with a tie and a both-bad answer.
    { source: 0, ratingA: 4, ratingB: 2, outcome: 'A' as const, images: [1, 2] as [number, number] },
    { source: 0, ratingA: 2, ratingB: 5, outcome: 'B' as const, images: [1, 3] as [number, number] },
    { source: 0, ratingA: 3, ratingB: 3, outcome: 'tie' as const, images: [2, 3] as [number, number] },
    { source: 1, ratingA: 1, ratingB: 1, outcome: 'both_bad' as const },
    { source: 2, ratingA: 2, ratingB: 4, outcome: 'B' as const, provider: 'stablediffusion' as const },
    ...Array.from({ length: 14 }, (_, i) => ({ source: 3 + i, ratingA: 1 + (i % 5), ratingB: 5 - (i % 5), outcome: (i % 2 === 0 ? 'A' : 'B') as 'A' | 'B', rater: i % 3 === 0 ? 'bo@studio' : 'ana@studio' })),
    { source: 20, ratingA: 5, ratingB: 1, outcome: 'A' as const, rater: 'dee@studio' },
  ];
  const made = [];
  for (const spec of specs) made.push(await data.ratedPair(spec));
  // An undone rating, and a gold pair: neither becomes a preference from either source.
  data.store.ratings.retract(made[6]!.ratingId, 'ret_1');
  data.store.quality.markGold(made[7]!.experimentId, 'A', 'warp');
  data.store.settings.set('excluded_raters', EXCLUDED);
  // A pair shown and skipped: no rating.
  const source = await data.image('source', 99);
  data.store.images.recordSource(source, 'skipped render');
  const outputs = [await data.image('output', 200), await data.image('output', 202)];
  data.store.experiments.create({
    id: 'exp_skipped',
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
  outputs.forEach((o, i) => {
    data.store.images.record(o);
    data.store.experiments.setOptionOutput(`opt_skip_${i === 0 ? 'A' : 'B'}`, { output_sha256: o.sha256, latency_ms: 1, cost_usd: 0, details: {} });
  });
  data.store.experiments.finishGeneration('exp_skipped', null);
  data.store.ratings.skip('skp_1', 'exp_skipped', 'ana@studio', 'cannot tell');
  localAnswers = data.store.quality.raterAnswers();
  removedSha = made[8]!.shas[1];
  const sync = createSync({ store: data.store, dataDir, images: data.images, config: site.config, log: () => {} });
  const report = await sync.syncNow();
  expect(report.error).toBeNull();
  await sync.stop();
  data.store.close();
}, 180_000);

afterAll(async () => {
  await servers?.close();
});

let outs = 0;
const outDir = (name: string) => join(servers.temp.path, `out-${name}-${++outs}`);
const fromServer = (config: SyncConfig = admin, extra: { pageSize?: number } = {}) =>
  serverExportSource({ config, excludedRaters: EXCLUDED, prompts: prompts(), ...extra });

async function exportBoth(request: Omit<ExportRequest, 'out'>): Promise<{ local: string; server: string; summaries: [ExportSummary, ExportSummary] }> {
  const local = outDir(`local-${request.format}`);
  const server = outDir(`server-${request.format}`);
  const a = await runExport({ ...request, out: local }, { dataDir, prompts: prompts() });
  const b = await runExport({ ...request, out: server }, { dataDir, prompts: prompts(), source: fromServer() });
  return { local, server, summaries: [a, b] };
}

/** Every row of a dataset as DuckDB reads it, one JSON text per row, sorted: equal sets of rows compare equal. */
async function rowsOf(format: ExportFormat, out: string): Promise<string[]> {
  const reader = {
    pairwise: `read_parquet(${q(join(out, 'data', '*.parquet'))}, filename = true)`,
    imagefolder: `read_json_auto(${q(join(out, '*', 'metadata.jsonl'))}, filename = true)`,
    rankings: `read_json_auto([${['train', 'validation', 'test', 'ties'].map((s) => join(out, `${s}.json`)).filter(existsSync).map(q).join(', ')}], filename = true)`,
    csv: `read_csv_auto(${q(join(out, '*.csv'))}, filename = true)`,
    jsonl: `read_json_auto(${q(join(out, '*.jsonl'))}, filename = true)`,
  }[format];
  const rows = await query(`SELECT to_json(t)::VARCHAR AS row, f AS filename FROM (SELECT * EXCLUDE (filename), filename AS f FROM ${reader}) t`);
  return rows.map((r) => `${(r.filename as string).slice(out.length)} ${(r.row as string).replace(/,"f":"[^"]*"}$/, '}')}`).sort();
}

function manifestWithoutCard(out: string): unknown[] {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
  return manifest.files.filter((f) => f.path !== 'README.md');
}

const leftovers = () => readdirSync(servers.temp.path).filter((name) => name.includes('.partial-'));

describe('server export: the same dataset as from the workstation that shipped the data', () => {
  it.each(EXPORT_FORMATS.map((f) => [f]))('%s: same rows, files and exclusions from PostgreSQL + S3 as from the local store', async (format) => {
    const { local, server, summaries } = await exportBoth({ format, filters: { withoutFlaggedRaters: format === 'csv' } });
    const localRows = await rowsOf(format, local);
    expect(localRows.length).toBeGreaterThan(0);
    expect(await rowsOf(format, server)).toEqual(localRows);
    expect(manifestWithoutCard(server)).toEqual(manifestWithoutCard(local));
    const [a, b] = summaries;
    expect({ ...b, out: '' }).toEqual({ ...a, out: '', bytes: b.bytes });
    const excluded = Object.fromEntries(b.excluded.map((e) => [e.reason, e.pairs]));
    expect(excluded).toMatchObject({ retracted_or_replaced: 1, gold_pair: 1, excluded_rater: 1 });
    expect(readFileSync(join(server, 'README.md'), 'utf8')).toMatch(new RegExp(`from the studio server \\(database ${site.database}`));
  });

  it('pairwise with skipped pairs: the skipped pair is the same unlabeled row from both', async () => {
    const { local, server, summaries } = await exportBoth({ format: 'pairwise', filters: { includeSkipped: true } });
    expect(await rowsOf('pairwise', server)).toEqual(await rowsOf('pairwise', local));
    expect(summaries[1].pairs.unlabeled).toBe(1);
    const skipped = await query(`SELECT has_label, rating_id FROM read_parquet(${q(join(server, 'data', 'unlabeled.parquet'))})`);
    expect(skipped).toEqual([{ has_label: false, rating_id: null }]);
  });

  it('the rater figures read the same answers from the server as from the workstation', async () => {
    const source = await fromServer()({ scratchDir: servers.temp.path });
    try {
      expect(await source.raterAnswers()).toEqual(localAnswers);
      expect(localAnswers.filter((a) => a.brokenSide !== null)).toHaveLength(1);
    } finally {
      await source.close();
    }
  });

  it('the pairwise labels on the server side follow the trainers\' ratings', async () => {
    const { server } = await exportBoth({ format: 'pairwise', ties: 'split' });
    const rows = await query(`SELECT label_0, outcome, rating_0, rating_1, filename FROM read_parquet(${q(join(server, 'data', '*.parquet'))}, filename = true)`);
    for (const r of rows) {
      if ((r.filename as string).endsWith('ties.parquet')) expect(Number(r.label_0)).toBe(0.5);
      else expect([0, 1]).toContain(Number(r.label_0));
    }
    expect(rows.filter((r) => (r.filename as string).endsWith('ties.parquet')).map((r) => r.outcome).sort()).toEqual(['both_bad', 'tie']);
    expect(rows.length).toBeGreaterThan(10);
  });
});

describe('npm run export -- --source server', () => {
  // Asynchronous: s3rver answers from this test's own event loop, which a synchronous spawn would block.
  const cli = (folder: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(repoRoot, 'core', 'host', 'export-cli.ts'), '--data-dir', folder, '--source', 'server', ...args]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  /** A data folder whose sync the app set up with `config` (password and secret key in the browser host's secrets file). */
  async function configuredFolder(name: string, config: SyncConfig | null): Promise<string> {
    const folder = join(servers.temp.path, name);
    const service = await startService(folder, { secrets: createFileSecretStore(folder) });
    try {
      if (config) {
        const { bucket, endpoint, region, forcePathStyle, accessKeyId, secretAccessKey } = config.s3!;
        await service.call('sync.configure', {
          postgres: { connection_string: config.postgres!.connectionString },
          s3: { endpoint, region, bucket, force_path_style: forcePathStyle, access_key_id: accessKeyId, secret_access_key: secretAccessKey },
        });
      }
    } finally {
      await service.close();
    }
    return folder;
  }

  it('exports the team\'s data with the sync settings of the data folder', async () => {
    const folder = await configuredFolder('cli-admin', admin);
    const out = outDir('cli');
    const result = await cli(folder, ['--format', 'imagefolder', '--out', out]);
    expect(result.stderr).toMatch(new RegExp(`Exporting imagefolder from the server \\(${site.database} at 127\\.0\\.0\\.1:\\d+ as admin_`));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Wrote .*cli-\d+: \d+ files/);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  }, 60_000);

  it('says what to do when the data folder has no sync set up, or syncs with a trainer login', async () => {
    const bare = await configuredFolder('cli-bare', null);
    const none = await cli(bare, ['--format', 'csv', '--out', outDir('cli-none')]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/Sync is not set up in .*Set up sync in the app \(Settings → Sync\) with an admin's PostgreSQL login.*--source local/);
    const trainer = await configuredFolder('cli-trainer', site.config);
    const out = outDir('cli-trainer');
    const refused = await cli(trainer, ['--format', 'csv', '--out', out]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/is not an admin \(not in latina_admin\)/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('server export: what goes wrong says so and leaves no dataset behind', () => {
  it('a trainer\'s login is refused: the whole team\'s data is for admins', async () => {
    const out = outDir('trainer');
    await expect(runExport({ format: 'csv', out }, { dataDir, prompts: prompts(), source: fromServer(site.config) })).rejects.toMatchObject({
      failure: 'not_admin',
      message: expect.stringMatching(new RegExp(`login ${site.trainer.user} .* is not an admin \\(not in latina_admin\\)`)),
    });
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('an unreachable server is named, with what to do', async () => {
    const out = outDir('unreachable');
    const nowhere: SyncConfig = { ...admin, postgres: { connectionString: 'postgres://nobody:pw@127.0.0.1:1/latina', connectTimeoutMs: 2000 } };
    await expect(runExport({ format: 'csv', out }, { dataDir, prompts: prompts(), source: fromServer(nowhere) })).rejects.toMatchObject({
      failure: 'server_unavailable',
      message: expect.stringMatching(/PostgreSQL at 127\.0\.0\.1:1 .*export again/),
    });
    expect(existsSync(out)).toBe(false);
  });

  it('a server lost mid-export stops it; the half-written dataset is removed', async () => {
    const out = outDir('lost');
    const opener = fromServer(admin, { pageSize: 2 });
    // The real server cuts the export's connection after the first rows arrived.
    const cut: ExportSourceOpener = async (setup) => {
      const source = await opener(setup);
      return {
        ...source,
        async *pairs(withSkipped) {
          let n = 0;
          for await (const row of source.pairs(withSkipped)) {
            yield row;
            if (++n === 3) await servers.pg.query('postgres', "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'latina-export'");
          }
        },
      };
    };
    await expect(runExport({ format: 'pairwise', out }, { dataDir, prompts: prompts(), source: cut })).rejects.toMatchObject({
      failure: 'server_unavailable',
      message: expect.stringMatching(/The export stopped and its partial dataset was removed/),
    });
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('a cancelled export ends its read on the server and leaves nothing', async () => {
    const out = outDir('cancelled');
    const controller = new AbortController();
    await expect(
      runExport({ format: 'imagefolder', out }, { dataDir, prompts: prompts(), source: fromServer(), signal: controller.signal, onProgress: () => controller.abort() }),
    ).rejects.toMatchObject({ failure: 'cancelled' });
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
    await until('the export connection to close', async () => {
      const open = await servers.pg.query(site.database, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'latina-export'");
      return open[0]!.n === 0;
    });
  });

  // Last: it removes an object from the shared bucket.
  it('an image recorded on the server but missing in S3 is named; formats without images still export', async () => {
    const s3 = new S3Client({ endpoint: servers.s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const mime = removedSha ? ((await servers.pg.query<{ mime: 'image/png' | 'image/jpeg' }>(site.database, 'SELECT mime FROM images WHERE sha256 = $1', [removedSha]))[0]!.mime) : 'image/jpeg';
    await s3.send(new DeleteObjectCommand({ Bucket: site.bucket, Key: imageKey(removedSha, mime) }));
    s3.destroy();
    const out = outDir('missing');
    await expect(runExport({ format: 'pairwise', out }, { dataDir, prompts: prompts(), source: fromServer() })).rejects.toMatchObject({
      failure: 'image_unavailable',
      message: expect.stringMatching(new RegExp(`image ${removedSha} .* not in the S3 bucket ${site.bucket}.*sync that workstation`)),
    });
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
    const csv = await runExport({ format: 'csv', out: outDir('missing-csv') }, { dataDir, prompts: prompts(), source: fromServer() });
    expect(csv.files).toBeGreaterThan(1);
  });
});
