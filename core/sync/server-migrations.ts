import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describeConnection } from './postgres';

export interface ServerMigration {
  version: number;
  name: string;
  sql: string;
}

const FILE = /^(\d{4})-([a-z0-9-]+)\.sql$/;

/** Reads `NNNN-name.sql` files in order; a misnumbered or stray file stops the run before any SQL. */
export function readServerMigrations(dir: string): ServerMigration[] {
  const migrations: ServerMigration[] = [];
  for (const file of readdirSync(dir).sort()) {
    const match = FILE.exec(file);
    if (!match) throw new Error(`${file} in ${dir} is not a migration: name files NNNN-name.sql (NNNN a multiple of 10).`);
    const version = Number(match[1]);
    const previous = migrations.at(-1)?.version ?? 0;
    if (version % 10 !== 0 || version <= previous) {
      throw new Error(`migration ${file} is out of order: versions are increasing multiples of 10.`);
    }
    migrations.push({ version, name: match[2]!, sql: readFileSync(join(dir, file), 'utf8') });
  }
  return migrations;
}

export interface MigrateServerOptions {
  connectionString: string;
  migrationsDir: string;
  /** Stop after this version (tests build an old server with it); defaults to the last file. */
  target?: number;
  log?: (message: string) => void;
}

// Any fixed number works; it only keeps two admins from migrating the same database at once.
const MIGRATION_LOCK = 7_305_010;

/**
 * Brings the server schema up to date: every pending file and its schema_version row in one
 * transaction, so a failure leaves the database as it was. Running it again changes nothing.
 * Needs a role that may create tables and roles (an admin's, not a trainer's).
 */
export async function migrateServer(options: MigrateServerOptions): Promise<{ from: number; to: number; applied: string[] }> {
  const log = options.log ?? (() => {});
  const migrations = readServerMigrations(options.migrationsDir);
  const latest = migrations.at(-1)?.version ?? 0;
  const target = options.target ?? latest;
  const who = describeConnection(options.connectionString);
  const client = new pg.Client({ connectionString: options.connectionString, application_name: 'latina-db-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const exists = await client.query("SELECT to_regclass('schema_version') IS NOT NULL AS found");
    const from = exists.rows[0]?.found
      ? ((await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM schema_version')).rows[0]?.version ?? 0)
      : 0;
    if (from > latest) {
      throw new Error(
        `The database ${who.database} at ${who.host} is at schema ${from}, newer than these migrations (up to ${latest}). ` +
          'Run db:migrate from the newer release; nothing was changed.',
      );
    }
    const pending = migrations.filter((m) => m.version > from && m.version <= target);
    if (pending.length === 0) {
      log(`${who.database} at ${who.host} is up to date (schema ${from}).`);
      return { from, to: from, applied: [] };
    }
    await client.query('BEGIN');
    try {
      for (const m of pending) {
        log(`applying ${String(m.version).padStart(4, '0')}-${m.name}`);
        await client.query(m.sql);
        await client.query('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    const to = pending.at(-1)!.version;
    log(`${who.database} at ${who.host} is now at schema ${to}.`);
    return { from, to, applied: pending.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}`) };
  } finally {
    await client.end();
  }
}
