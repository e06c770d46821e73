import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, openStore, type PulledPage, type Store } from '../../../core/store';
import { fakeSha as sha, readyPair } from '../../helpers/store';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());
let n = 0;
const file = () => `${dir.path}/sync-${n++}.sqlite`;

const rating = (id: string, experiment_id: string) => ({
  id,
  experiment_id,
  rated_by: 'ana',
  outcome: 'A' as const,
  rating_a: 4,
  comment_a: '',
  rating_b: 2,
  comment_b: 'flat',
  shown_at: null,
  details_shown: null,
  answered_at: '2026-01-01T10:00:00.000Z',
});

const version = (v: string, origin: 'bundled' | 'local' | 'remote') => ({
  version: v,
  origin,
  file: `${v}.json`,
  parent_version: null,
  created_at: '2026-01-01T00:00:00Z',
  created_by: 'test',
  sha256: sha('c'),
});

describe('sync support in the store', () => {
  it('upgrades a database made before sync without touching its outbox, and queues its local prompt versions', () => {
    const path = file();
    // A data folder of the release before sync: schema 10 only, with an outbox and a local version.
    const old = new Database(path);
    migrate(old, MIGRATIONS.filter((m) => m.version === 10));
    const insertOutbox = old.prepare('INSERT INTO outbox (entity, entity_id, payload_json, created_at) VALUES (?, ?, ?, ?)');
    insertOutbox.run('experiment', 'exp_1', '{"id":"exp_1"}', '2026-01-01T00:00:00.000Z');
    insertOutbox.run('rating', 'rat_1', '{"id":"rat_1"}', '2026-01-01T00:01:00.000Z');
    const index = old.prepare(
      'INSERT INTO prompt_versions (version, origin, file, parent_version, created_at, created_by, sha256) VALUES (?, ?, ?, NULL, ?, ?, ?)',
    );
    index.run('v1.0.0', 'bundled', 'v1.0.0.json', '2025-01-19T10:00:00Z', 'system_init', sha('b'));
    index.run('v1.1.0', 'local', 'v1.1.0.json', '2026-01-01T00:00:00Z', 'evolver', sha('c'));
    const before = old.prepare('SELECT seq, entity, entity_id, payload_json FROM outbox ORDER BY seq').all() as { seq: number; entity: string; entity_id: string; payload_json: string }[];
    old.close();
    expect(before).toHaveLength(2);

    const store = openStore(path);
    expect(store.outbox.peek(10).slice(0, before.length)).toEqual(
      before.map((r) => ({ seq: r.seq, entity: r.entity, entity_id: r.entity_id, payload: JSON.parse(r.payload_json) })),
    );
    expect(store.outbox.peek(10).slice(before.length).map((r) => [r.entity, r.entity_id])).toEqual([['prompt_version', 'v1.1.0']]);
    expect(store.sync.workstationId).toMatch(/^ws_[0-9a-f]{16}$/);
    expect(openStore(file()).sync.workstationId).not.toBe(store.sync.workstationId);
    store.close();
  });

  it('queues prompt versions made here, not bundled or pulled ones, once', () => {
    const store = openStore(file());
    store.prompts.upsert(version('v1.0.0', 'bundled'));
    store.prompts.upsert(version('v1.2.0', 'remote'));
    store.prompts.upsert(version('v1.1.0', 'local'));
    store.prompts.upsert(version('v1.1.0', 'local'));
    expect(store.outbox.peek(10).map((r) => [r.entity, r.entity_id, (r.payload as { file: string }).file])).toEqual([
      ['prompt_version', 'v1.1.0', 'v1.1.0.json'],
    ]);
    store.close();
  });

  it('keeps a batch fixed across a restart until it is marked shipped', () => {
    const path = file();
    let store = openStore(path);
    for (let i = 1; i <= 4; i++) readyPair(store, `exp_${i}`);
    const first = store.sync.openBatch(3)!;
    expect(first.items.map((i) => i.entity_id)).toEqual(['exp_1', 'exp_2', 'exp_3']);
    expect(first.id).toBe(`${store.sync.workstationId}-000000001`);
    readyPair(store, 'exp_5');
    store.close();

    // A crash before the mark: the same rows under the same id, even with a bigger limit.
    store = openStore(path);
    expect(store.sync.openBatch(10)).toEqual(first);
    expect(store.sync.markShipped(first.id)).toBe(3);
    expect(store.sync.openBatch(10)!.items.map((i) => i.entity_id)).toEqual(['exp_4', 'exp_5']);
    expect(store.sync.pendingCount()).toBe(2);
    store.close();
  });

  it('applies a pulled page once, keeps remote pairs out of the queue and their renders out of the pool', () => {
    const store = openStore(file());
    readyPair(store, 'exp_local');
    const remoteSource = sha('d');
    const page: PulledPage = {
      images: [
        { sha256: remoteSource, mime: 'image/jpeg', width: 8, height: 6, bytes: 90, source_name: 'their kitchen' },
        { sha256: sha('e'), mime: 'image/jpeg', width: 8, height: 6, bytes: 80, source_name: null },
      ],
      experiments: [
        {
          id: 'exp_remote',
          source_sha256: remoteSource,
          mode: 'structure',
          project_id: null,
          site_visit_id: null,
          created_at: '2026-01-01T09:00:00.000Z',
          ready_at: '2026-01-01T09:01:00.000Z',
          workstation_id: 'ws_other',
          options: (['A', 'B'] as const).map((label) => ({
            id: `opt_remote_${label}`,
            label,
            provider: 'local',
            parameters: { api: 'local', init_strength: 0.3, guidance_scale: 8, controlnet_weight: 0.8 },
            origin: 'optimizer',
            prompt_version: 'v1.0.0',
            seed: 7,
            output_sha256: sha('e'),
            latency_ms: 10,
            cost_usd: 0,
          })),
        },
      ],
      ratings: [{ ...rating('rat_remote', 'exp_remote'), rated_by: 'bo', details_shown: true }],
      retractions: [],
      skips: [],
      prompt_versions: [],
      state: { 'pull_cursor:pair_ratings': { tx: '5', seq: '1' } },
    };
    expect(store.sync.applyPulled(page)).toEqual({ ratings: 1, retractions: 0, skips: 0, experiments: 1, prompt_versions: 0, skipped: [] });
    expect(store.sync.applyPulled(page)).toEqual({ ratings: 0, retractions: 0, skips: 0, experiments: 0, prompt_versions: 0, skipped: [] });
    expect(store.sync.state.get('pull_cursor:pair_ratings')).toEqual({ tx: '5', seq: '1' });
    // The server's boolean is kept as SQLite's 0/1: the rater saw the pair's details.
    expect(store.ratings.effectiveRating('exp_remote')?.details_shown).toBe(1);
    expect(store.ratings.ratedOptions().map((o) => [o.rating_id, o.label, o.rating])).toEqual([
      ['rat_remote', 'A', 4],
      ['rat_remote', 'B', 2],
    ]);
    expect(store.experiments.get('exp_remote')?.status).toBe('rated');
    expect(store.experiments.readyQueue('structure', 10).map((e) => e.id)).toEqual(['exp_local']);
    expect(store.images.leastUsedSources('structure').map((s) => s.sha256)).toEqual([sha('a')]);
    // Nothing pulled went into the outbox: it is not this workstation's to ship.
    expect(store.outbox.peek(10).map((r) => r.entity_id)).toEqual(['exp_local']);

    // A retraction pulled later settles the pair as not rated, still outside the queue.
    store.sync.applyPulled({
      ...page,
      images: [],
      experiments: [],
      ratings: [],
      retractions: [{ id: 'rat_undo', rating_id: 'rat_remote', experiment_id: 'exp_remote', rated_by: 'bo', retracted_at: '2026-01-01T10:05:00.000Z' }],
      state: {},
    });
    expect(store.ratings.ratedOptions()).toEqual([]);
    expect(store.experiments.get('exp_remote')?.status).toBe('skipped');
    expect(store.experiments.readyQueue('structure', 10).map((e) => e.id)).toEqual(['exp_local']);

    // The same render added on this workstation joins the pool.
    store.images.recordSource({ sha256: remoteSource, mime: 'image/jpeg', width: 8, height: 6, bytes: 90 }, 'kitchen');
    expect(store.images.leastUsedSources('structure').map((s) => s.sha256)).toContain(remoteSource);
    store.close();
  });

  it('never overwrites a local rating with a pulled row of the same id', () => {
    const path = file();
    const store = openStore(path);
    readyPair(store, 'exp_1');
    store.ratings.rate(rating('rat_1', 'exp_1'));
    store.sync.applyPulled({
      images: [],
      experiments: [],
      ratings: [{ ...rating('rat_1', 'exp_1'), rating_a: 1, comment_a: 'changed elsewhere' }],
      retractions: [],
      skips: [],
      prompt_versions: [],
      state: {},
    });
    expect(store.ratings.effectiveRating('exp_1')).toMatchObject({ rating_a: 4, comment_a: '' });
    store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM ratings').pluck().get()).toBe(1);
    raw.close();
  });
  it('sets a refused row aside: not pending, in no later batch, listed with its reason', () => {
    const path = file();
    let store = openStore(path);
    for (let i = 1; i <= 3; i++) readyPair(store, `exp_${i}`);
    const batch = store.sync.openBatch(10)!;
    store.sync.markRefused([{ seq: batch.items[1]!.seq, reason: 'no NUL here (SQLSTATE 22021).' }]);
    expect(store.sync.markShipped(batch.id)).toBe(2);
    store.close();

    store = openStore(path);
    expect(store.sync.pendingCount()).toBe(0);
    expect(store.outbox.pendingCount()).toBe(0);
    expect(store.sync.openBatch(10)).toBeNull();
    expect(store.sync.refusedCount()).toBe(1);
    expect(store.sync.refused()).toEqual([
      { seq: batch.items[1]!.seq, entity: 'experiment', entity_id: 'exp_2', reason: 'no NUL here (SQLSTATE 22021).', refused_at: expect.any(String) },
    ]);
    store.close();
  });

  it('skips a pulled row this database refuses, says why, and applies the rest of the page with its cursors', () => {
    const store = openStore(file());
    readyPair(store, 'exp_1');
    const counts = store.sync.applyPulled({
      images: [],
      experiments: [],
      ratings: [rating('rat_ok', 'exp_1'), { ...rating('rat_bad', 'exp_1'), rating_b: null as unknown as number }, rating('rat_lost', 'exp_unknown')],
      retractions: [{ id: 'rat_undo', rating_id: 'rat_missing', experiment_id: 'exp_1', rated_by: 'bo', retracted_at: '2026-01-01T10:05:00.000Z' }],
      skips: [],
      prompt_versions: [],
      state: { 'pull_cursor:pair_ratings': { tx: '9', seq: '3' } },
    });
    expect(counts).toMatchObject({ ratings: 1, retractions: 0 });
    expect(counts.skipped.map((s) => [s.table, s.id])).toEqual([
      ['pair_ratings', 'rat_bad'],
      ['pair_ratings', 'rat_lost'],
      ['rating_retractions', 'rat_undo'],
    ]);
    expect(counts.skipped[0]!.reason).toMatch(/CHECK constraint/);
    expect(counts.skipped[1]!.reason).toMatch(/FOREIGN KEY/);
    expect(store.ratings.effectiveRating('exp_1')).toMatchObject({ id: 'rat_ok' });
    expect(store.sync.state.get('pull_cursor:pair_ratings')).toEqual({ tx: '9', seq: '3' });
    store.close();
  });
});
