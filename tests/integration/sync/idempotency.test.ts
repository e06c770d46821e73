import { cpSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite, dataDir, startServers, type Servers } from './servers';
import { createWorkstation, newId, type Workstation } from './workstation';

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
});
afterAll(async () => {
  await servers?.close();
});

const count = async (db: string, table: string) =>
  Number((await servers.pg.query<{ n: string }>(db, `SELECT count(*) AS n FROM ${table}`))[0]!.n);

async function ndjsonIds(bucket: string): Promise<string[]> {
  const keys = await servers.s3.keys(bucket, 'ratings/');
  const texts = await Promise.all(keys.map((k) => servers.s3.text(bucket, k)));
  return texts.flatMap((t) => t.trim().split('\n').map((l) => JSON.parse(l).id as string)).sort();
}

const learned = (ws: Workstation) =>
  ws.store.ratings
    .ratedOptions()
    .map((o) => `${o.rating_id}/${o.label}/${o.rating}/${o.outcome}/${o.rated_by}/${JSON.stringify(o.parameters)}`)
    .sort();

describe('sync idempotency', () => {
  it('ships the same outbox twice, and from a restored copy at the same time, without doubling anything', async () => {
    const site = await createSite(servers);
    const ws = await createWorkstation(dataDir(servers), site.config, { batchSize: 4 });
    const copyDir = dataDir(servers, 'copy');
    try {
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push(await ws.rateNew('ana'));
      ws.store.ratings.skip(newId('skp'), await ws.pair(), 'ana', 'Both identical');
      // A copy of the whole data folder as it is now: a backup restored on a second machine.
      ws.store.forTests().pragma('wal_checkpoint(TRUNCATE)');
      cpSync(ws.dataDir, copyDir, { recursive: true });

      expect((await ws.sync.syncNow()).state).toBe('idle');
      const keys = await servers.s3.keys(site.bucket);
      const shipped = { ratings: await count(site.database, 'pair_ratings'), experiments: await count(site.database, 'experiments'), skips: 1 };
      expect(shipped).toEqual({ ratings: 6, experiments: 7, skips: 1 });

      // The local marks lost (say a crash right after every server commit): everything ships again.
      ws.store.forTests().prepare('UPDATE outbox SET shipped_at = NULL').run();
      const again = await ws.sync.syncNow();
      expect(again).toMatchObject({ state: 'idle', shipped: ws.store.forTests().prepare('SELECT count(*) AS n FROM outbox').pluck().get() as number });
      // The restored copy and the original ship the same outbox concurrently.
      const copy = await createWorkstation(copyDir, site.config, { batchSize: 4 });
      ws.store.forTests().prepare('UPDATE outbox SET shipped_at = NULL').run();
      try {
        const both = await Promise.all([ws.sync.syncNow(), copy.sync.syncNow()]);
        expect(both.map((r) => r.state)).toEqual(['idle', 'idle']);
      } finally {
        await copy.close();
      }

      expect(await count(site.database, 'pair_ratings')).toBe(6);
      expect(await count(site.database, 'enhancement_ratings')).toBe(12);
      expect(await count(site.database, 'experiments')).toBe(7);
      expect(await count(site.database, 'skips')).toBe(1);
      expect(await servers.s3.keys(site.bucket)).toEqual(keys);
      expect(await ndjsonIds(site.bucket)).toEqual([...ids, ...(await servers.pg.query(site.database, 'SELECT id FROM skips')).map((r) => r.id)].sort());
    } finally {
      await ws.close();
    }
  });

  it('two workstations rating and syncing at the same time converge to the same set of ratings', async () => {
    const site = await createSite(servers);
    const ws1 = await createWorkstation(dataDir(servers), site.config, { batchSize: 3, pullPageSize: 4 });
    const ws2 = await createWorkstation(dataDir(servers), site.config, { batchSize: 3, pullPageSize: 4 });
    try {
      for (let round = 0; round < 5; round++) {
        await Promise.all([
          (async () => {
            await ws1.rateNew('ana');
            await ws1.rateNew('ana');
          })(),
          (async () => {
            await ws2.rateNew('bo');
            await ws2.rateNew('bo');
          })(),
        ]);
        if (round === 2) ws2.store.ratings.undoLast('bo', newId('rat'));
        const reports = await Promise.all([ws1.sync.syncNow(), ws2.sync.syncNow()]);
        expect(reports.map((r) => r.state)).toEqual(['idle', 'idle']);
      }
      // One more round each picks up what the other shipped during the last one.
      await ws1.sync.syncNow();
      await ws2.sync.syncNow();

      expect(ws1.ratings()).toHaveLength(19);
      expect(ws1.ratings()).toEqual(ws2.ratings());
      expect(learned(ws1)).toEqual(learned(ws2));
      expect(await count(site.database, 'pair_ratings')).toBe(20);
      expect(await count(site.database, 'rating_retractions')).toBe(1);
      // Each queue still holds only its own pairs: the one bo undid waits on ws2 alone.
      expect(ws1.store.experiments.idsWithStatus('ready')).toEqual([]);
      expect(ws2.store.experiments.idsWithStatus('ready')).toHaveLength(1);
      const local = new Database(join(ws1.dataDir, 'latina.sqlite'), { readonly: true });
      expect(local.prepare('SELECT count(*) FROM sync_remote_experiments').pluck().get()).toBe(10);
      local.close();
    } finally {
      await ws1.close();
      await ws2.close();
    }
  });
});
