import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportStatus } from '../../../core/api';
import type { Service } from '../../../core/service';
import { query, q } from '../../helpers/duckdb';
import { startService } from '../../helpers/service';
import { createSite, dataDir, startServers, type Servers, type Site } from './servers';
import { createWorkstation, type Workstation } from './workstation';

// The Export page's server export through the contract: a workstation whose sync is set up with an
// admin's login exports the whole team's ratings (two trainers' workstations shipped them) from
// the real PostgreSQL and S3, and DuckDB reads back what it wrote.
let servers: Servers;
let site: Site;
let ana: Workstation;
let bo: Workstation;
let service: Service;
let exporterDir: string;
let adminUrl: string;
const shippedBy = new Map<string, 'ana' | 'bo'>();
let newVersionRating = '';

async function ship(ws: Workstation): Promise<void> {
  const report = await ws.sync.syncNow();
  expect(report.error).toBeNull();
}

/** Sync settings for PostgreSQL at `connectionString` and the site's bucket, as the Sync settings dialog sends them. */
function syncSettings(connectionString: string) {
  const { bucket, endpoint, region, forcePathStyle, accessKeyId, secretAccessKey } = site.config.s3!;
  return {
    postgres: { connection_string: connectionString },
    s3: { endpoint, region, bucket, force_path_style: forcePathStyle, access_key_id: accessKeyId, secret_access_key: secretAccessKey },
  };
}

/** Every exportProgress event until the export ends. */
function followExport(on: Service): Promise<ExportStatus[]> {
  const seen: ExportStatus[] = [];
  return new Promise((resolve) => {
    const off = on.subscribe('exportProgress', (payload) => {
      const status = payload as ExportStatus;
      seen.push(status);
      if (status.state !== 'running') {
        off();
        resolve(seen);
      }
    });
  });
}

const partials = () => readdirSync(servers.temp.path).filter((name) => name.includes('.partial-'));

beforeAll(async () => {
  servers = await startServers();
  site = await createSite(servers);
  const second = await servers.pg.createLogin('latina_trainer');
  const admin = await servers.pg.createLogin('latina_admin');
  adminUrl = servers.pg.url(site.database, admin.user, admin.password);
  ana = await createWorkstation(dataDir(servers, 'ana'), site.config);
  bo = await createWorkstation(dataDir(servers, 'bo'), {
    ...site.config,
    postgres: { connectionString: servers.pg.url(site.database, second.user, second.password), connectTimeoutMs: 2000 },
  });
  for (let i = 0; i < 6; i += 1) shippedBy.set(await ana.rateNew('ana@studio'), 'ana');
  for (let i = 0; i < 6; i += 1) shippedBy.set(await bo.rateNew(i < 4 ? 'bo@studio' : 'cy@studio'), 'bo');
  await ship(ana);
  await ship(bo);

  // The admin's workstation syncs with the admin's login and pulls the team's ratings once.
  exporterDir = dataDir(servers, 'admin-desk');
  service = await startService(exporterDir);
  await service.call('sync.configure', syncSettings(adminUrl));
  expect(await service.call('sync.now', {})).toMatchObject({ status: { state: 'idle' } });
  await service.call('raters.exclude', { rater_id: 'cy@studio', excluded: true });

  // Then a trainer rates a pair made with a prompt version of their own. This workstation's sync
  // may pull it at any moment (the queue's new pairs poke the sync), so its file is removed here:
  // the version stands for one made elsewhere that this workstation does not hold.
  // A hand edit's patch number, which no evolution on the admin's workstation (it evolves v1.x.0
  // versions from the ratings it pulled) can take first: version names are first come, first served.
  bo.makeVersion('v1.0.9', 'warm evening light');
  newVersionRating = bo.rate(await bo.pair(null, 'v1.0.9'), 'bo@studio');
  shippedBy.set(newVersionRating, 'bo');
  await ship(bo);
  await service.call('sync.now', {});
  rmSync(join(exporterDir, 'prompts', 'versions', 'v1.0.9.json'), { force: true });
}, 240_000);

afterAll(async () => {
  await service?.close();
  await ana?.close();
  await bo?.close();
  await servers?.close();
});

describe('export.start with source "server"', () => {
  it("writes the whole team's pairs from PostgreSQL + S3, with progress events; DuckDB reads rows from both workstations", async () => {
    expect((await service.call('export.status', {})).server_source).toBe('ready');
    // The prompt version's text is nowhere on this workstation: only the server has it.
    expect(existsSync(join(exporterDir, 'prompts', 'versions', 'v1.0.9.json'))).toBe(false);

    const out = join(servers.temp.path, 'team-pairwise');
    const events = followExport(service);
    const started = await service.call('export.start', { format: 'pairwise', out, source: 'server', seed: 3 });
    expect(started).toMatchObject({ state: 'running', request: { source: 'server', out }, error: null });
    const seen = await events;
    const done = seen.at(-1)!;
    expect(done).toMatchObject({ state: 'done', error: null });
    expect(seen.filter((s) => s.progress?.phase === 'rows').length).toBeGreaterThan(0);
    expect(seen.some((s) => s.progress?.phase === 'manifest')).toBe(true);

    const rows = await query(
      `SELECT rating_id, rater_id, label_0, label_1, outcome, rating_0, rating_1, image_0_uid, image_1_uid, stored_mime_0, stored_mime_1, sha256(jpg_0) AS hash_0, sha256(jpg_1) AS hash_1, hex(jpg_0[1:3]) AS magic_0, hex(jpg_1[1:3]) AS magic_1,
              prompt_version_0, prompt_0, filename
         FROM read_parquet(${q(join(out, 'data', '*.parquet'))}, filename = true)`,
    );
    // Every shipped rating but the excluded rater's two, from both workstations.
    const ids = rows.map((r) => r.rating_id as string);
    expect(new Set(ids.map((id) => shippedBy.get(id)))).toEqual(new Set(['ana', 'bo']));
    expect(rows.some((r) => r.rater_id === 'cy@studio')).toBe(false);
    expect(new Set(ids).size).toBe(shippedBy.size - 2);
    expect(rows).toHaveLength(shippedBy.size - 2);
    expect(done.summary!.excluded).toContainEqual({ reason: 'excluded_rater', pairs: 2 });

    // Labels follow the server's ratings: the better-rated side wins, ties (and both bad) split 0.5.
    const server = await servers.pg.query<{ rating_id: string; option_label: string; rating: number }>(
      site.database,
      'SELECT rating_id, option_label, rating FROM enhancement_ratings',
    );
    const ratingOf = (id: string, label: string) => server.find((r) => r.rating_id === id && r.option_label === label)!.rating;
    for (const r of rows) {
      const tied = r.outcome === 'tie' || r.outcome === 'both_bad';
      if (tied) expect([Number(r.label_0), Number(r.label_1)]).toEqual([0.5, 0.5]);
      else expect(Number(r.label_0) + Number(r.label_1)).toBe(1);
      expect(String(r.filename).endsWith('ties.parquet')).toBe(tied);
      expect(new Set([Number(r.rating_0), Number(r.rating_1)])).toEqual(new Set([ratingOf(r.rating_id as string, 'A'), ratingOf(r.rating_id as string, 'B')]));
      // Embedded as JPEG: a stored JPEG as uploaded (hashing to its uid), a stored PNG re-encoded.
      for (const i of [0, 1]) {
        expect(r[`magic_${i}`]).toBe('FFD8FF');
        if (r[`stored_mime_${i}`] === 'image/jpeg') expect(r[`hash_${i}`]).toBe(r[`image_${i}_uid`]);
      }
    }
    expect(rows.filter((r) => !String(r.filename).endsWith('ties.parquet')).length).toBeGreaterThan(0);

    // The prompt text of a version only the server holds comes from the server.
    const newest = rows.find((r) => r.rating_id === newVersionRating)!;
    expect(newest).toMatchObject({ prompt_version_0: 'v1.0.9', prompt_0: expect.stringMatching(/warm evening light$/) });

    const card = readFileSync(join(out, 'README.md'), 'utf8');
    expect(card).toMatch(new RegExp(`from the studio server \\(database ${site.database}`));
    expect(card).toMatch(/raters excluded from learning \(as decided by the admins of the exporting workstation, as known to it: the server keeps no record of exclusions; excluded there: cy@studio\): left out/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
    for (const file of manifest.files) expect(createHash('sha256').update(readFileSync(join(out, file.path))).digest('hex')).toBe(file.sha256);
    expect(partials()).toEqual([]);
  });

  it('the per-image format holds the very images the workstations uploaded to S3, each hashing to its sha256', async () => {
    const out = join(servers.temp.path, 'team-imagefolder');
    const events = followExport(service);
    await service.call('export.start', { format: 'imagefolder', out, source: 'server' });
    expect((await events).at(-1)).toMatchObject({ state: 'done' });
    const rows = await query(`SELECT file_name, image_sha256, rating_id, filename FROM read_json_auto(${q(join(out, '*', 'metadata.jsonl'))}, filename = true)`);
    expect(new Set(rows.map((r) => shippedBy.get(r.rating_id as string)))).toEqual(new Set(['ana', 'bo']));
    for (const r of rows) {
      const file = join(String(r.filename), '..', String(r.file_name));
      expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(r.image_sha256);
    }
    const onServer = new Set((await servers.pg.query<{ sha256: string }>(site.database, 'SELECT sha256 FROM images')).map((i) => i.sha256));
    expect(rows.every((r) => onServer.has(r.image_sha256 as string))).toBe(true);
  });

  it('a cancel works the same: the partial dataset is removed and the server read ends', async () => {
    const out = join(servers.temp.path, 'team-cancelled');
    let asked = false;
    const seen: ExportStatus[] = [];
    const ended = new Promise<void>((resolve) => {
      const off = service.subscribe('exportProgress', (payload) => {
        const status = payload as ExportStatus;
        seen.push(status);
        if (status.state === 'running' && !asked) {
          asked = true;
          void service.call('export.cancel', {});
        }
        if (status.state !== 'running') {
          off();
          resolve();
        }
      });
    });
    await service.call('export.start', { format: 'imagefolder', out, source: 'server' });
    await ended;
    expect(seen.at(-1)).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } });
    expect(existsSync(out)).toBe(false);
    expect(partials()).toEqual([]);
  });

  it('an unreachable server is the call\'s own error, with what to do; nothing is written and the last outcome stays', async () => {
    const folder = dataDir(servers, 'offline-desk');
    const offline = await startService(folder);
    try {
      await offline.call('sync.configure', syncSettings(`postgres://nobody:pw@127.0.0.1:1/${site.database}`));
      const before = await offline.call('export.status', {});
      expect(before.server_source).toBe('ready');
      const out = join(servers.temp.path, 'never-written');
      await expect(offline.call('export.start', { format: 'csv', out, source: 'server' })).rejects.toMatchObject({
        message: expect.stringMatching(/PostgreSQL at 127\.0\.0\.1:1 .*export again/),
      });
      expect(existsSync(out)).toBe(false);
      expect(partials()).toEqual([]);
      expect(await offline.call('export.status', {})).toEqual(before);
    } finally {
      await offline.close();
    }
  });

  it("a workstation that syncs with a trainer's login is refused the team's data, writing nothing", async () => {
    const folder = dataDir(servers, 'trainer-desk');
    const desk = await startService(folder);
    try {
      await desk.call('sync.configure', syncSettings(site.config.postgres!.connectionString));
      const out = join(servers.temp.path, 'trainer-export');
      await expect(desk.call('export.start', { format: 'csv', out, source: 'server' })).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringMatching(new RegExp(`login ${site.trainer.user} .* is not an admin \\(not in latina_admin\\)`)),
      });
      expect(existsSync(out)).toBe(false);
    } finally {
      await desk.close();
    }
  });
});
