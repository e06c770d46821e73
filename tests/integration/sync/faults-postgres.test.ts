import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../core/schedule';
import { migrateServer, SERVER_SCHEMA_VERSION, type SyncState } from '../../../core/sync';
import { createFakeClock } from '../../helpers/fake-clock';
import { freePort, serverMigrationsDir } from '../../helpers/pg';
import { createSite, dataDir, startServers, type Servers } from './servers';
import { createWorkstation } from './workstation';

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
});
afterAll(async () => {
  await servers?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const count = async (db: string, table: string) =>
  Number((await servers.pg.query<{ n: string }>(db, `SELECT count(*) AS n FROM ${table}`))[0]!.n);

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

describe('sync faults: PostgreSQL', () => {
  it('survives PostgreSQL stopping in the middle of a batch: the batch rolls back, nothing is lost or doubled', async () => {
    const site = await createSite(servers);
    const ws = await createWorkstation(dataDir(servers), site.config, { batchSize: 20 });
    try {
      for (let i = 0; i < 10; i++) await ws.rateNew('ana');
      expect((await ws.sync.syncNow()).state).toBe('idle');
      for (let i = 0; i < 20; i++) await ws.rateNew('ana');
      const pending = ws.store.outbox.pendingCount();

      // Hold the ratings table so the next batch stops inside its transaction, after inserting
      // images, experiments and options, then stop the server under it.
      const blocker = new pg.Client({ connectionString: servers.pg.url(site.database) });
      blocker.on('error', () => {});
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE pair_ratings IN ACCESS EXCLUSIVE MODE');
      const running = ws.sync.syncNow();
      await until('the batch waits on the lock', async () => {
        const waiting = await servers.pg.query(
          'postgres',
          "SELECT 1 FROM pg_stat_activity WHERE application_name = 'latina-workstation' AND wait_event_type = 'Lock'",
        );
        return waiting.length > 0;
      });
      await servers.pg.stop();
      const report = await running;
      expect(report.state).toBe('offline');
      expect(report.error).toMatchObject({ retrying: true });
      expect(ws.store.outbox.pendingCount()).toBe(pending);
      const failed = ws.store.forTests().prepare('SELECT attempts, last_error FROM outbox WHERE shipped_at IS NULL ORDER BY seq LIMIT 1').get() as {
        attempts: number;
        last_error: string;
      };
      expect(failed.attempts).toBe(1);
      expect(failed.last_error).toMatch(/PostgreSQL/);

      await servers.pg.start();
      // Nothing of the interrupted batch was committed: its experiments are not on the server.
      expect(await count(site.database, 'experiments')).toBe(10);
      expect((await ws.sync.syncNow()).state).toBe('idle');
      expect(ws.store.outbox.pendingCount()).toBe(0);
      expect(await count(site.database, 'pair_ratings')).toBe(30);
      expect(await count(site.database, 'enhancement_ratings')).toBe(60);
      expect(await count(site.database, 'experiments')).toBe(30);
    } finally {
      await servers.pg.start().catch(() => undefined);
      await ws.close();
    }
  });

  it('names a wrong password clearly and does not retry it (no storm of failed logins)', async () => {
    const site = await createSite(servers);
    const good = site.config.postgres!.connectionString;
    const wrong = { ...site.config, postgres: { connectionString: servers.pg.url(site.database, site.trainer.user, 'not-the-password') } };
    const clock = createFakeClock();
    const ws = await createWorkstation(dataDir(servers), wrong, { clock });
    const states: SyncState[] = [];
    ws.sync.onStatus((s) => states.push(s.state));
    try {
      await ws.rateNew('ana');
      const pending = ws.store.outbox.pendingCount();
      ws.sync.start(20);
      await ws.whenStatus((s) => s.state === 'error');
      // A day later it still has not tried again.
      clock.advance(24 * 3600_000);
      const status = ws.sync.status();
      expect(status.last_error).toEqual({
        message: `Wrong PostgreSQL password for user ${site.trainer.user}.`,
        action: 'Fix it in Settings → Sync, then press "Sync now". The sync will not retry until then.',
        retrying: false,
      });
      expect(status.next_attempt_at).toBeNull();
      expect(status.pending).toBe(pending);
      const failures = servers.pg.log.join('').split(`password authentication failed for user "${site.trainer.user}"`).length - 1;
      expect(failures).toBe(1);
      expect(states.filter((s) => s === 'syncing')).toHaveLength(1);

      // Fixed in the settings: it syncs at once.
      await ws.sync.reconfigure({ ...site.config, postgres: { connectionString: good } });
      await ws.whenStatus((s) => s.state === 'idle' && s.pending === 0);
      expect(await count(site.database, 'pair_ratings')).toBe(1);
    } finally {
      await ws.close();
    }
  });

  it('refuses a server schema older than the app, says to migrate, and ships after the admin did', async () => {
    const site = await createSite(servers, { target: 30 });
    const clock = createFakeClock();
    const ws = await createWorkstation(dataDir(servers), site.config, { clock });
    const states: SyncState[] = [];
    ws.sync.onStatus((s) => states.push(s.state));
    try {
      await ws.rateNew('ana');
      ws.sync.start(20);
      await ws.whenStatus((s) => s.state === 'error');
      clock.advance(24 * 3600_000);
      expect(ws.sync.status().next_attempt_at).toBeNull();
      expect(ws.sync.status().last_error).toMatchObject({
        message: `The server's database schema is too old (version 30; this app needs ${SERVER_SCHEMA_VERSION}).`,
        action: expect.stringContaining('npm run db:migrate'),
        retrying: false,
      });
      expect(states.filter((s) => s === 'syncing')).toHaveLength(1);
      expect(ws.sync.status().pending).toBe(2);

      await migrateServer({ connectionString: servers.pg.url(site.database), migrationsDir: serverMigrationsDir });
      expect((await ws.sync.syncNow()).state).toBe('idle');
      expect(await count(site.database, 'pair_ratings')).toBe(1);
    } finally {
      await ws.close();
    }
  });

  it('refuses a server schema newer than the app and ships nothing to it', async () => {
    const site = await createSite(servers);
    const newer = SERVER_SCHEMA_VERSION + 10;
    await servers.pg.query(site.database, `INSERT INTO schema_version (version, name) VALUES (${newer}, 'from-a-newer-release')`);
    const ws = await createWorkstation(dataDir(servers), site.config);
    try {
      await ws.rateNew('ana');
      const report = await ws.sync.syncNow();
      expect(report).toMatchObject({ state: 'error', shipped: 0 });
      expect(report.error).toMatchObject({
        message: `The server's database schema is newer than this app (version ${newer}; this app knows ${SERVER_SCHEMA_VERSION}).`,
        action: expect.stringContaining('Install the newer version'),
        retrying: false,
      });
      expect(ws.sync.status().pending).toBe(2);
      expect(await count(site.database, 'experiments')).toBe(0);
    } finally {
      await ws.close();
    }
  });

  it('"test connection" says what is wrong with each server, and ships nothing', async () => {
    const site = await createSite(servers);
    const ws = await createWorkstation(dataDir(servers), site.config);
    try {
      await ws.rateNew('ana');
      expect(await ws.sync.testConnection()).toEqual({
        postgres: { ok: true, message: `Connected as ${site.trainer.user}; server schema ${SERVER_SCHEMA_VERSION}.`, action: null },
        s3: { ok: true, message: `Bucket ${site.bucket} is reachable.`, action: null },
      });
      const outsider = `outsider_${process.pid}`;
      await servers.pg.query('postgres', `CREATE ROLE ${outsider} LOGIN PASSWORD 'pw'`);
      await ws.sync.reconfigure({
        postgres: { connectionString: servers.pg.url(site.database, outsider, 'pw') },
        s3: { ...site.config.s3!, bucket: 'no-such-bucket' },
      });
      const check = await ws.sync.testConnection();
      expect(check.postgres).toMatchObject({ ok: false, action: `Ask your admin to run: GRANT latina_trainer TO ${outsider};` });
      expect(check.s3).toMatchObject({ ok: false, message: expect.stringContaining('no-such-bucket'), action: expect.stringContaining('bucket name') });
      expect(ws.sync.status().pending).toBe(2);
      expect(await count(site.database, 'experiments')).toBe(0);
    } finally {
      await ws.close();
    }
  });

  it('treats an unreachable server as offline, backs off exponentially with jitter, and ships soon after a rating once online', async () => {
    const site = await createSite(servers);
    const port = await freePort();
    const delays: number[] = [];
    const fake = createFakeClock(Date.parse('2026-03-01T12:00:00.000Z'));
    // The fake clock, noting each wait the sync asks for.
    const clock: Clock = {
      now: fake.now,
      after(ms, run) {
        delays.push(ms);
        return fake.after(ms, run);
      },
    };
    const ws = await createWorkstation(
      dataDir(servers),
      { postgres: { connectionString: `postgres://ana:pw@127.0.0.1:${port}/latina`, connectTimeoutMs: 1000 }, s3: null },
      { random: () => 0.5, clock },
    );
    try {
      await ws.rateNew('ana');
      ws.sync.start(60_000);
      await ws.whenStatus((s) => s.state === 'offline');
      expect(ws.sync.status()).toMatchObject({
        state: 'offline',
        pending: 2,
        last_error: { message: expect.stringContaining(`PostgreSQL at 127.0.0.1:${port} cannot be reached`), retrying: true },
        // Equal jitter with random 0.5: three quarters of the doubled ceiling (2 s, 4 s, 8 s).
        next_attempt_at: '2026-03-01T12:00:01.500Z',
      });
      for (let attempt = 2; attempt <= 3; attempt++) {
        const retried = ws.whenStatus(() => delays.length === attempt);
        // Just short of the wait, nothing runs; at the wait, the next attempt does.
        fake.advance(delays.at(-1)! - 1);
        expect(delays).toHaveLength(attempt - 1);
        fake.advance(1);
        await retried;
      }
      expect(delays).toEqual([1500, 3000, 6000]);
      expect(ws.sync.status().next_attempt_at).toBe(new Date(fake.now() + 6000).toISOString());
      // A new rating while offline does not shorten the backoff.
      ws.sync.poke();
      expect(delays).toHaveLength(3);
      // The server comes up: the next attempt ships and the loop returns to its normal interval.
      await ws.sync.reconfigure(site.config);
      await ws.whenStatus((s) => s.state === 'idle' && s.pending === 0);
      expect(delays.at(-1)).toBe(60_000);
      expect(await count(site.database, 'pair_ratings')).toBe(1);
      // Online, a new rating ships within seconds rather than at the next interval.
      await ws.rateNew('ana');
      ws.sync.poke();
      expect(delays.at(-1)).toBe(3000);
      expect(ws.sync.status()).toMatchObject({ pending: 2, next_attempt_at: new Date(fake.now() + 3000).toISOString() });
      const shipped = ws.whenStatus((s) => s.state === 'idle' && s.pending === 0);
      fake.advance(3000);
      await shipped;
      expect(await count(site.database, 'pair_ratings')).toBe(2);
    } finally {
      await ws.close();
    }
  });
});
