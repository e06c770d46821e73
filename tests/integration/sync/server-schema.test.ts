import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateServer, SERVER_SCHEMA_VERSION } from '../../../core/sync';
import { serverMigrationsDir, startPostgres, type TestPostgres } from '../../helpers/pg';
import { repoRoot } from '../../helpers/service';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.close();
});

async function as(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The SQLSTATE a statement fails with, or 'ok'. */
async function outcome(url: string, sql: string): Promise<string> {
  try {
    await as(url, sql);
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('server schema', () => {
  it('is numbered like the app expects, and db:migrate is idempotent', async () => {
    const files = readdirSync(serverMigrationsDir).filter((f) => f.endsWith('.sql')).sort();
    expect(Number(files.at(-1)!.slice(0, 4))).toBe(SERVER_SCHEMA_VERSION);
    const db = await server.createDatabase({ migrate: false });
    const first = await migrateServer({ connectionString: server.url(db), migrationsDir: serverMigrationsDir });
    expect(first).toMatchObject({ from: 0, to: SERVER_SCHEMA_VERSION });
    expect(first.applied).toHaveLength(files.length);
    const again = await migrateServer({ connectionString: server.url(db), migrationsDir: serverMigrationsDir });
    expect(again).toEqual({ from: SERVER_SCHEMA_VERSION, to: SERVER_SCHEMA_VERSION, applied: [] });
    expect((await server.query(db, 'SELECT version FROM schema_version ORDER BY version')).map((r) => r.version)).toEqual(
      files.map((f) => Number(f.slice(0, 4))),
    );
  });

  it('runs as `npm run db:migrate -- <connection string>` without printing the password', async () => {
    const db = await server.createDatabase({ migrate: false });
    const url = server.url(db);
    const run = () =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/db-migrate.ts'), url], { cwd: repoRoot });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('exit', (code) => resolve({ code, output }));
      });
    const first = await run();
    expect(first).toMatchObject({ code: 0, output: expect.stringContaining(`is now at schema ${SERVER_SCHEMA_VERSION}`) });
    const second = await run();
    expect(second).toMatchObject({ code: 0, output: expect.stringContaining(`is up to date (schema ${SERVER_SCHEMA_VERSION})`) });
    expect(first.output + second.output).not.toContain(decodeURIComponent(new URL(url).password));
  });

  it('refuses to touch a database migrated by a newer release', async () => {
    const db = await server.createDatabase();
    await server.query(db, "INSERT INTO schema_version (version, name) VALUES (990, 'future')");
    await expect(migrateServer({ connectionString: server.url(db), migrationsDir: serverMigrationsDir })).rejects.toThrow(
      /schema 990, newer than these migrations.*nothing was changed/,
    );
  });

  it('adopts a seed prompt_versions table that already holds rows, losing none', async () => {
    const db = await server.createDatabase({ migrate: false });
    // The seed's table exactly as the old web system created it ("Already migrated").
    await server.query(
      db,
      `CREATE TABLE prompt_versions (
         id SERIAL PRIMARY KEY, version VARCHAR(50) UNIQUE, prompt TEXT, negative_prompt TEXT,
         created_at TIMESTAMP DEFAULT NOW(), performance_score FLOAT, usage_count INTEGER DEFAULT 0)`,
    );
    await server.query(
      db,
      `INSERT INTO prompt_versions (version, prompt, negative_prompt, created_at, performance_score, usage_count) VALUES
         ('v1.0.0', 'ultra-realistic interior', 'drawn, sketch', '2025-01-19 10:00:00', 3.4, 120),
         ('v1.0.1', 'ultra-realistic interior, soft light', 'drawn', '2025-02-01 08:30:00', NULL, 7)`,
    );
    const before = await server.query(db, 'SELECT id, version, prompt, negative_prompt, created_at, performance_score, usage_count FROM prompt_versions ORDER BY id');
    await migrateServer({ connectionString: server.url(db), migrationsDir: serverMigrationsDir });
    const after = await server.query(db, 'SELECT id, version, prompt, negative_prompt, created_at, performance_score, usage_count FROM prompt_versions ORDER BY id');
    expect(after).toEqual(before);
    const columns = (await server.query(db, "SELECT column_name FROM information_schema.columns WHERE table_name = 'prompt_versions'")).map((r) => r.column_name);
    expect(columns).toEqual(expect.arrayContaining(['content', 'sha256', 'parent_version', 'created_by', 'workstation_id', 'server_seq', 'tx_id']));
    // The adopted rows keep their ids; new ones continue the seed's sequence and its unique names.
    const trainer = await server.createLogin('latina_trainer');
    const url = server.url(db, trainer.user, trainer.password);
    await as(url, "INSERT INTO prompt_versions (version, prompt, content, sha256, workstation_id) VALUES ('v1.1.0', 'p', '{\"version\":\"v1.1.0\"}', 'x', 'ws')");
    expect((await server.query(db, "SELECT id FROM prompt_versions WHERE version = 'v1.1.0'"))[0]!.id).toBe(3);
    expect(await outcome(url, "INSERT INTO prompt_versions (version, prompt) VALUES ('v1.0.0', 'again')")).toBe('23505');
  });

  it('lets the trainer role insert and read, and never update, delete or truncate', async () => {
    const db = await server.createDatabase();
    const trainer = await server.createLogin('latina_trainer');
    const admin = await server.createLogin('latina_admin');
    const t = server.url(db, trainer.user, trainer.password);
    const a = server.url(db, admin.user, admin.password);
    const sha = 'a'.repeat(64);
    await as(t, "INSERT INTO raters (id) VALUES ('ana')");
    await as(t, `INSERT INTO images (sha256, mime, width, height, bytes, source_name, workstation_id) VALUES ('${sha}', 'image/png', 8, 6, 100, 'room', 'ws')`);
    await as(t, `INSERT INTO experiments (id, source_sha256, mode, created_at, workstation_id) VALUES ('exp_1', '${sha}', 'structure', now(), 'ws')`);
    await as(t, "INSERT INTO pair_ratings (id, experiment_id, rated_by, outcome, answered_at, workstation_id) VALUES ('rat_1', 'exp_1', 'ana', 'A', now(), 'ws')");
    expect(await as(t, 'SELECT id FROM pair_ratings')).toEqual([{ id: 'rat_1' }]);

    for (const sql of [
      "UPDATE pair_ratings SET outcome = 'B'",
      'DELETE FROM pair_ratings',
      'TRUNCATE pair_ratings CASCADE',
      'DELETE FROM experiments',
      "UPDATE prompt_versions SET prompt = 'x'",
      'DELETE FROM prompt_versions',
      'DELETE FROM raters',
      // Prompt decisions are the admins'; the order columns are the server's.
      "INSERT INTO prompt_decisions (id, version, decided_by, decided_at, workstation_id) VALUES ('d', 'v1.0.0', 'ana', now(), 'ws')",
      "INSERT INTO skips (id, experiment_id, rated_by, reason, skipped_at, workstation_id, server_seq) VALUES ('s', 'exp_1', 'ana', 'r', now(), 'ws', 1)",
    ]) {
      expect(await outcome(t, sql), sql).toBe('42501');
    }
    expect(await as(a, 'SELECT id FROM pair_ratings')).toEqual([{ id: 'rat_1' }]);
    expect(await outcome(a, "UPDATE pair_ratings SET outcome = 'B'")).toBe('ok');
    expect(await outcome(a, "INSERT INTO prompt_decisions (id, version, decided_by, decided_at, workstation_id) VALUES ('d', 'v1.0.0', 'lea', now(), 'ws')")).toBe('ok');
    expect(await outcome(a, 'DELETE FROM pair_ratings')).toBe('ok');
  });
});
