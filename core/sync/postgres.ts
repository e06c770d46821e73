import pg from 'pg';
import { classifyPostgresError, SyncError } from './errors';
import { decideTls } from './tls';
import type { PostgresConfig } from './types';

/**
 * The server schema this build reads and writes: the number of the last file in
 * server/migrations. A test keeps the two in step.
 */
export const SERVER_SCHEMA_VERSION = 100;

export interface ServerIdentity {
  user: string;
  host: string;
  database: string;
}

/** Who and where, for messages; never the password. */
export function describeConnection(connectionString: string): ServerIdentity {
  try {
    const url = new URL(connectionString);
    return {
      user: decodeURIComponent(url.username) || 'postgres',
      host: url.port ? `${url.hostname}:${url.port}` : url.hostname || 'localhost',
      database: decodeURIComponent(url.pathname.replace(/^\//, '')) || decodeURIComponent(url.username) || 'postgres',
    };
  } catch {
    // libpq's keyword form: `host=db.studio user=ana dbname=latina`.
    const field = (name: string) => new RegExp(`(?:^|\\s)${name}=(\\S+)`).exec(connectionString)?.[1];
    const user = field('user') ?? '(unknown user)';
    return { user, host: field('host') ?? 'localhost', database: field('dbname') ?? user };
  }
}

export interface PostgresLink {
  who: ServerIdentity;
  /** Runs `work` in one transaction on one connection; any failure rolls back and is classified. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>, mode?: 'write' | 'snapshot'): Promise<T>;
  /** Refuses a server whose schema is older or newer than SERVER_SCHEMA_VERSION, with what to do. */
  checkSchema(): Promise<number>;
  /** Whether this login may insert ratings (is in latina_trainer or latina_admin). */
  canAddRatings(): Promise<boolean>;
  close(): Promise<void>;
}

export function connectPostgres(config: PostgresConfig, log: (message: string) => void): PostgresLink {
  const who = describeConnection(config.connectionString);
  const tls = decideTls(config.connectionString);
  if (tls.warning) log(tls.warning.message);
  const pool = new pg.Pool({
    connectionString: tls.connectionString,
    // Two connections: a sync run uses one at a time; the second serves "test connection".
    max: 2,
    connectionTimeoutMillis: config.connectTimeoutMs ?? 5_000,
    statement_timeout: config.statementTimeoutMs ?? 60_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'latina-workstation',
    // Timestamps without zone (the seed's prompt_versions.created_at) are written in UTC.
    options: '-c TimeZone=UTC',
  });
  // An idle connection dropped by the server (restart, network loss) must not crash the process;
  // the next query reconnects or reports offline.
  pool.on('error', (error) => log(`PostgreSQL connection dropped: ${error.message}`));

  async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>, mode: 'write' | 'snapshot' = 'write'): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw classifyPostgresError(error, who);
    }
    let broken = false;
    const onError = () => (broken = true);
    client.on('error', onError);
    try {
      // One snapshot for a whole pull page: rows and the transactions still running agree.
      await client.query(mode === 'snapshot' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = true;
      await client.query('ROLLBACK').catch(() => undefined);
      throw classifyPostgresError(error, who);
    } finally {
      client.off('error', onError);
      // A connection that saw an error is thrown away rather than reused half-broken.
      client.release(broken);
    }
  }

  async function checkSchema(): Promise<number> {
    const version = await transaction(async (client) => {
      const exists = await client.query("SELECT to_regclass('schema_version') IS NOT NULL AS found");
      if (!exists.rows[0]?.found) return null;
      return (await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version')).rows[0]?.version ?? null;
    }, 'snapshot');
    const migrate = 'Ask your admin to run "npm run db:migrate -- <connection string>" on the server.';
    if (version === null) {
      throw new SyncError('fatal', `The database ${who.database} at ${who.host} has not been set up for the workstations yet.`, migrate);
    }
    if (version < SERVER_SCHEMA_VERSION) {
      throw new SyncError(
        'fatal',
        `The server's database schema is too old (version ${version}; this app needs ${SERVER_SCHEMA_VERSION}).`,
        `${migrate} Nothing is lost meanwhile: ratings wait in this workstation's outbox.`,
      );
    }
    if (version > SERVER_SCHEMA_VERSION) {
      throw new SyncError(
        'fatal',
        `The server's database schema is newer than this app (version ${version}; this app knows ${SERVER_SCHEMA_VERSION}).`,
        'Install the newer version of the workstation app. Nothing is lost meanwhile: ratings wait in this workstation\'s outbox.',
      );
    }
    return version;
  }

  return {
    who,
    transaction,
    checkSchema,
    canAddRatings: () =>
      transaction(async (client) => {
        // Column-level: trainers may insert the columns they send, not the server's order columns.
        const found = await client.query<{ can: boolean }>("SELECT has_any_column_privilege('pair_ratings', 'INSERT') AS can");
        return found.rows[0]?.can === true;
      }, 'snapshot'),
    close: () => pool.end(),
  };
}
