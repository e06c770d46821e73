import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/service';
import { createSite, dataDir, startServers, type Servers, type Site } from './servers';
import { createWorkstation } from './workstation';

let servers: Servers;
const children = new Set<ChildProcess>();
beforeAll(async () => {
  servers = await startServers();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await servers?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const count = async (db: string, table: string) =>
  Number((await servers.pg.query<{ n: string }>(db, `SELECT count(*) AS n FROM ${table}`))[0]!.n);

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

/** The sync of `dir` running in its own process (sync-child.ts). */
function startChild(dir: string, site: Site) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'tests/integration/sync/sync-child.ts'), dir, JSON.stringify(site.config), '10'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    output: () => output,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

const waitingOnLock = async () =>
  (await servers.pg.query('postgres', "SELECT 1 FROM pg_stat_activity WHERE application_name = 'latina-workstation' AND wait_event_type = 'Lock'"))
    .length > 0;

async function lockRatings(site: Site): Promise<pg.Client> {
  const blocker = new pg.Client({ connectionString: servers.pg.url(site.database) });
  blocker.on('error', () => {});
  await blocker.connect();
  await blocker.query('BEGIN');
  await blocker.query('LOCK TABLE pair_ratings IN ACCESS EXCLUSIVE MODE');
  return blocker;
}

/** Ratings made on one workstation, its sync killed by the test, then resumed in this process. */
async function prepare(site: Site, ratings: number) {
  const dir = dataDir(servers, 'crash');
  const ws = await createWorkstation(dir, site.config);
  const ids: string[] = [];
  for (let i = 0; i < ratings; i++) ids.push(await ws.rateNew('ana'));
  await ws.close();
  return { dir, ids };
}

async function resumeAndCheck(site: Site, dir: string, ids: string[]) {
  const ws = await createWorkstation(dir, site.config);
  try {
    expect((await ws.sync.syncNow()).state).toBe('idle');
    expect(ws.store.outbox.pendingCount()).toBe(0);
    expect(await count(site.database, 'pair_ratings')).toBe(ids.length);
    expect(await count(site.database, 'enhancement_ratings')).toBe(2 * ids.length);
    expect(await count(site.database, 'experiments')).toBe(ids.length);
    const keys = await servers.s3.keys(site.bucket, 'ratings/');
    const lines = (await Promise.all(keys.map((k) => servers.s3.text(site.bucket, k)))).flatMap((t) => t.trim().split('\n'));
    expect(lines.map((l) => JSON.parse(l).id).sort()).toEqual([...ids].sort());
  } finally {
    await ws.close();
  }
}

describe('sync faults: the app killed with SIGKILL during a sync', () => {
  it('killed inside the server transaction: the batch rolls back and is shipped once after restart', async () => {
    const site = await createSite(servers);
    const { dir, ids } = await prepare(site, 15);
    const blocker = await lockRatings(site);
    const child = startChild(dir, site);
    try {
      await until('the child waits inside its transaction', waitingOnLock);
      await child.kill();
    } finally {
      await blocker.query('COMMIT');
      await blocker.end();
    }
    // The dead session's statement runs once the lock is free, then the server finds the client
    // gone and rolls its transaction back: no COMMIT ever came.
    await until('the server ends the dead session', async () =>
      (await servers.pg.query('postgres', "SELECT 1 FROM pg_stat_activity WHERE application_name = 'latina-workstation'")).length === 0,
    );
    expect(await count(site.database, 'experiments')).toBe(0);
    await resumeAndCheck(site, dir, ids);
  });

  it('killed between the server commit and the local "shipped" mark: the batch is sent again and the server keeps one copy', async () => {
    const site = await createSite(servers);
    const { dir, ids } = await prepare(site, 15);
    const blocker = await lockRatings(site);
    const child = startChild(dir, site);
    // Hold this workstation's SQLite so the child, once the server committed, cannot mark the batch.
    const local = new Database(join(dir, 'latina.sqlite'));
    try {
      await until('the child waits inside its transaction', waitingOnLock);
      local.exec('BEGIN IMMEDIATE');
      await blocker.query('COMMIT');
      await until('the server committed the first batch', async () => (await count(site.database, 'pair_ratings')) === 5);
      await sleep(200);
      await child.kill();
      expect(child.output()).not.toMatch(/"state":"idle"/);
    } finally {
      if (local.inTransaction) local.exec('ROLLBACK');
      local.close();
      await blocker.end();
    }
    const pending = new Database(join(dir, 'latina.sqlite'), { readonly: true });
    expect((pending.prepare('SELECT count(*) AS n FROM outbox WHERE shipped_at IS NULL').get() as { n: number }).n).toBe(30);
    pending.close();
    await resumeAndCheck(site, dir, ids);
  });
});
