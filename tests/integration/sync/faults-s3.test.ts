import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncReport } from '../../../core/sync';
import { startFaultProxy, type FaultProxy } from '../../helpers/s3';
import { createSite, dataDir, startServers, type Servers } from './servers';
import { createWorkstation, type Workstation } from './workstation';

let servers: Servers;
let proxy: FaultProxy;
beforeAll(async () => {
  servers = await startServers();
  proxy = await startFaultProxy(servers.s3.endpoint);
});
afterAll(async () => {
  await proxy?.close();
  await servers?.close();
});

const count = async (db: string, table: string) =>
  Number((await servers.pg.query<{ n: string }>(db, `SELECT count(*) AS n FROM ${table}`))[0]!.n);

/** Syncs until a run succeeds, as the backoff loop would; returns every report. */
async function syncUntilIdle(ws: Workstation, attempts = 6): Promise<SyncReport[]> {
  const reports: SyncReport[] = [];
  for (let i = 0; i < attempts; i++) {
    reports.push(await ws.sync.syncNow());
    if (reports.at(-1)!.state === 'idle') return reports;
  }
  throw new Error(`no successful sync in ${attempts} attempts: ${JSON.stringify(reports.at(-1))}`);
}

async function ndjsonLines(bucket: string): Promise<{ id: string; kind: string }[]> {
  const keys = await servers.s3.keys(bucket, 'ratings/');
  const texts = await Promise.all(keys.map((k) => servers.s3.text(bucket, k)));
  return texts.flatMap((t) => t.trim().split('\n').map((l) => JSON.parse(l)));
}

describe('sync faults: S3', () => {
  it('survives S3 answering 500 and 503: retried until shipped, nothing lost, nothing doubled, each image uploaded once', async () => {
    const site = await createSite(servers, { s3Endpoint: proxy.endpoint });
    const ws = await createWorkstation(dataDir(servers), site.config, { batchSize: 10 });
    try {
      const rated: string[] = [];
      for (let i = 0; i < 12; i++) rated.push(await ws.rateNew(i % 2 ? 'ana' : 'bo'));

      // 500s on one image: as many as the SDK's own three attempts, so the sync run itself fails
      // before anything reached PostgreSQL (images go first), and the next run recovers.
      const [image] = ws.store.forTests().prepare('SELECT sha256 FROM images ORDER BY sha256 LIMIT 1').all() as { sha256: string }[];
      proxy.fail(3, 500, (_method, path) => path.includes(image!.sha256));
      const first = await syncUntilIdle(ws);
      expect(first[0]).toMatchObject({ state: 'error', shipped: 0, error: { retrying: true, message: expect.stringMatching(/answered 500/) } });
      expect(first.at(-1)!.state).toBe('idle');

      // 503 SlowDown on the NDJSON uploads, which happen after PostgreSQL committed the batch: the
      // retry sends the batch again and the server keeps one copy of each row.
      for (let i = 0; i < 12; i++) rated.push(await ws.rateNew('ana'));
      proxy.fail(4, 503, (method, path) => method === 'PUT' && path.includes('/ratings/'));
      const second = await syncUntilIdle(ws);
      expect(second[0]).toMatchObject({ state: 'error', error: { retrying: true, message: expect.stringMatching(/answered 503/) } });
      expect(second.at(-1)!.state).toBe('idle');
      expect(proxy.requests.filter((r) => r.status === 503)).toHaveLength(4);

      expect(ws.store.outbox.pendingCount()).toBe(0);
      expect(await count(site.database, 'pair_ratings')).toBe(24);
      expect(await count(site.database, 'enhancement_ratings')).toBe(48);
      const lines = await ndjsonLines(site.bucket);
      expect(lines.map((l) => l.id).sort()).toEqual([...rated].sort());

      // Content-addressed images: one successful PUT per image, however many pairs and retries.
      const imagePuts = proxy.requests.filter((r) => r.method === 'PUT' && r.path.includes('/images/') && r.status === 200);
      const images = await servers.s3.keys(site.bucket, 'images/');
      expect(images.length).toBe(6);
      expect(imagePuts.map((r) => r.path.split('?')[0]).sort()).toEqual(images.map((k) => `/${site.bucket}/${k}`));
    } finally {
      await ws.close();
    }
  });

  it('reports refused S3 credentials as an error a person must fix, without retrying', async () => {
    const site = await createSite(servers);
    const config = { ...site.config, s3: { ...site.config.s3!, accessKeyId: 'NOT-A-KEY' } };
    const ws = await createWorkstation(dataDir(servers), config);
    try {
      await ws.rateNew('ana');
      const report = await ws.sync.syncNow();
      expect(report).toMatchObject({ state: 'error', shipped: 0 });
      expect(report.error).toMatchObject({ message: expect.stringContaining('refused the access key'), retrying: false });
      expect(await count(site.database, 'pair_ratings')).toBe(0);
      const check = await ws.sync.testConnection();
      expect(check.postgres).toMatchObject({ ok: true });
      expect(check.s3).toMatchObject({ ok: false, message: expect.stringContaining('refused the access key') });
    } finally {
      await ws.close();
    }
  });
});
