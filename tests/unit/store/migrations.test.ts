import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRegistry, migrate, MIGRATIONS, openStore, type Migration } from '../../../core/store';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());
let n = 0;
const file = () => `${dir.path}/db-${n++}.sqlite`;

describe('migrations', () => {
  it('creates a fresh database at the latest version with STRICT tables and WAL', () => {
    const store = openStore(file());
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = store.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name).sort()).toEqual(
      [
        'experiments', 'images', 'options', 'outbox', 'prompt_versions', 'ratings', 'settings', 'skips', 'source_images',
        'prompt_evolutions', 'prompt_candidates', 'prompt_decisions',
        'sync_remote_experiments', 'sync_remote_sources', 'sync_state', 'sync_uploaded_images',
        'reward_features', 'reward_models', 'reward_predictions', 'reward_prefilter',
      ].sort(),
    );
    for (const table of tables) expect(table.sql, table.name).toMatch(/\)\s*STRICT$/);
    store.close();
  });

  it('upgrades an older database with the pending migrations only, in one transaction', () => {
    const path = file();
    openStore(path).close();
    const latest = MIGRATIONS.at(-1)!.version;
    const extra: Migration = { version: latest + 10, name: 'add-note', up: (db) => db.exec('ALTER TABLE experiments ADD COLUMN note TEXT') };
    const db = new Database(path);
    expect(migrate(db, [...MIGRATIONS, extra])).toEqual({ from: latest, to: latest + 10 });
    expect(db.pragma('user_version', { simple: true })).toBe(latest + 10);
    expect((db.prepare('PRAGMA table_info(experiments)').all() as { name: string }[]).map((c) => c.name)).toContain('note');
    db.close();
  });

  it('rolls back every pending migration when one fails', () => {
    const path = file();
    openStore(path).close();
    const latest = MIGRATIONS.at(-1)!.version;
    const good: Migration = { version: latest + 10, name: 'good', up: (db) => db.exec('CREATE TABLE extra (x INTEGER) STRICT') };
    const bad: Migration = { version: latest + 20, name: 'bad', up: (db) => db.exec('THIS IS NOT SQL') };
    const db = new Database(path);
    expect(() => migrate(db, [...MIGRATIONS, good, bad])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database written by a newer app, and says what to do', () => {
    const path = file();
    const db = new Database(path);
    db.pragma('user_version = 990');
    db.close();
    expect(() => openStore(path)).toThrow(/newer version of the app.*Install the newer version/);
  });

  it('refuses a registry out of order', () => {
    const up = () => {};
    expect(() => checkRegistry([{ version: 20, name: 'b', up }, { version: 10, name: 'a', up }])).toThrow(/out of order/);
    expect(() => checkRegistry([{ version: 15, name: 'odd', up }])).toThrow(/multiples of 10/);
  });
});
