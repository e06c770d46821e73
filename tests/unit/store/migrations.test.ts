import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRegistry, migrate, MIGRATIONS, openStore, type Migration } from '../../../core/store';
import { readyPair } from '../../helpers/store';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());
let n = 0;
const file = () => `${dir.path}/db-${n++}.sqlite`;

describe('migrations', () => {
  it('creates a fresh database at the latest version with STRICT tables and WAL', () => {
    const store = openStore(file());
    expect(store.forTests().pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(store.forTests().pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.forTests().pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = store.forTests().prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name).sort()).toEqual(
      [
        'experiments', 'images', 'options', 'outbox', 'prompt_versions', 'ratings', 'settings', 'skips', 'source_images',
        'prompt_evolutions', 'prompt_candidates', 'prompt_decisions',
        'sync_remote_experiments', 'sync_remote_sources', 'sync_state', 'sync_uploaded_images',
        'reward_features', 'reward_models', 'reward_predictions', 'reward_prefilter',
        'pair_checks',
        'quality_pairs', 'rater_exclusions',
        'overlap_pairs',
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

  it('rebuilds experiments and prompt candidates for the indistinct statuses, keeping every row and reference', () => {
    const path = file();
    const before = MIGRATIONS.filter((m) => m.version < 70);
    const old = new Database(path);
    old.pragma('foreign_keys = ON');
    migrate(old, before);
    // Rows as the previous schema held them, written with its SQL (the repositories know only the new one).
    const sha = 'a'.repeat(64);
    old.exec(`
      INSERT INTO images (sha256, mime, width, height, bytes, created_at) VALUES ('${sha}', 'image/png', 8, 6, 100, 'now');
      INSERT INTO source_images (sha256, name, created_at) VALUES ('${sha}', 'room', 'now');
      INSERT INTO experiments (id, source_sha256, mode, status, created_at) VALUES ('exp_1', '${sha}', 'structure', 'rated', 'now');
      INSERT INTO options (id, experiment_id, label, provider, parameters_json, origin, prompt_version, seed)
        VALUES ('opt_a', 'exp_1', 'A', 'local', '{}', 'test', 'v1.0.0', 1), ('opt_b', 'exp_1', 'B', 'local', '{}', 'test', 'v1.0.0', 2);
      INSERT INTO ratings (id, experiment_id, kind, rated_by, outcome, rating_a, comment_a, rating_b, comment_b, answered_at)
        VALUES ('rat_1', 'exp_1', 'rating', 'rater', 'A', 4, '', 2, '', 'now');
      INSERT INTO prompt_evolutions (id, trigger, evolver, at_sample, parent_version, status, started_at, brief_json)
        VALUES ('evo_1', 'manual', 'offline', 0, 'v1.0.0', 'done', 'now', '{}');
      INSERT INTO prompt_candidates (id, evolution_id, variant, version, status, created_at) VALUES ('cand_1', 'evo_1', 0, 'v1.1.0', 'queued', 'now');
    `);
    old.close();

    const upgraded = openStore(path);
    expect(upgraded.forTests().pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(upgraded.forTests().pragma('foreign_keys', { simple: true })).toBe(1);
    expect(upgraded.experiments.get('exp_1')).toMatchObject({ status: 'rated', options: [{ label: 'A' }, { label: 'B' }] });
    expect(upgraded.ratings.effectiveRating('exp_1')?.rating_a).toBe(4);
    upgraded.prompts.setCandidateStatus('cand_1', 'no_visible_effect');
    expect(upgraded.prompts.candidate('cand_1')?.status).toBe('no_visible_effect');
    upgraded.experiments.setStatus('exp_1', 'indistinct');
    expect(upgraded.forTests().pragma('foreign_key_check')).toEqual([]);
    // The rebuilt tables still refuse what the old ones refused.
    expect(() => upgraded.experiments.setStatus('exp_1', 'gone' as never)).toThrow(/CHECK/);
    expect(() => upgraded.forTests().prepare("UPDATE options SET experiment_id = 'exp_missing'").run()).toThrow(/FOREIGN KEY/);
    upgraded.close();
  });

  it('refuses a migration that would leave rows without the row they reference, and changes nothing', () => {
    const path = file();
    openStore(path).close();
    const db = new Database(path);
    db.pragma('foreign_keys = ON');
    const latest = MIGRATIONS.at(-1)!.version;
    const orphaning: Migration = { version: latest + 10, name: 'orphaning', up: (d) => d.exec(`INSERT INTO experiments (id, source_sha256, mode, status, created_at) VALUES ('exp_x', '${'f'.repeat(64)}', 'structure', 'ready', 'now')`) };
    expect(() => migrate(db, [...MIGRATIONS, orphaning])).toThrow(/rows of experiments without their source_images/);
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.prepare('SELECT count(*) AS n FROM experiments').get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a registry out of order', () => {
    const up = () => {};
    expect(() => checkRegistry([{ version: 20, name: 'b', up }, { version: 10, name: 'a', up }])).toThrow(/out of order/);
    expect(() => checkRegistry([{ version: 15, name: 'odd', up }])).toThrow(/multiples of 10/);
  });
});
