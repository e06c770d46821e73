import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../core/api';
import { createSyncStore, syncText } from '../../../renderer/stores/syncStore';
import { fakeApi } from './fixtures';

const nothing = { ratings: 0, undos: 0, skips: 0, pairs: 0, other: 0 };
const status = (change: Partial<SyncStatus> = {}): SyncStatus => ({
  state: 'idle',
  pending: 0,
  pending_by_kind: nothing,
  refused: 0,
  last_success_at: null,
  last_error: null,
  connection_warning: null,
  next_attempt_at: null,
  ...change,
});

describe('sync text', () => {
  it('says where the ratings are in every state, counted in ratings, not outbox rows', () => {
    // 31 rated pairs, one undone, one skipped, and the 57 pairs generated so far: 90 outbox rows.
    const kinds = { ratings: 31, undos: 1, skips: 1, pairs: 57, other: 0 };
    expect(syncText(null)).toBe('Sync: …');
    expect(syncText(status({ state: 'not_configured', pending: 90, pending_by_kind: kinds }))).toBe(
      'Sync: not set up · 31 ratings, 1 undo, 1 skip kept on this computer only',
    );
    // Before anything is rated, the pairs generated ahead are not "records kept".
    expect(syncText(status({ state: 'not_configured', pending: 3, pending_by_kind: { ...nothing, pairs: 3 } }))).toBe('Sync: not set up · nothing rated yet');
    expect(syncText(status({ state: 'idle' }))).toBe('Sync: online · all saved on the server');
    expect(syncText(status({ state: 'syncing', pending: 12, pending_by_kind: { ...nothing, ratings: 5, pairs: 7 } }))).toBe('Sync: syncing · 5 ratings waiting to sync');
    expect(syncText(status({ state: 'idle', pending: 2, pending_by_kind: { ...nothing, pairs: 2 } }))).toBe('Sync: online · 2 generated pairs waiting to sync');
    expect(syncText(status({ state: 'offline', pending: 4, pending_by_kind: { ...nothing, ratings: 1, pairs: 3 } }))).toMatch(/^Sync: offline · 1 rating kept on this computer/);
    expect(
      syncText(status({ state: 'error', last_error: { message: 'Wrong PostgreSQL password for user trainer.', action: 'Fix it in Sync settings.', retrying: false } })),
    ).toBe('Sync: stopped · Wrong PostgreSQL password for user trainer. Fix it in Sync settings.');
  });

  it('tells of refused records and an unencrypted connection on the same line', () => {
    expect(syncText(status({ state: 'idle', refused: 2 }))).toBe(
      'Sync: online · all saved on the server · 2 refused by the server, kept here for the admin',
    );
    const warning = { message: 'The PostgreSQL connection is not encrypted.', action: 'Use sslmode=verify-full.' };
    expect(syncText(status({ state: 'idle', connection_warning: warning }))).toBe(
      'Sync: online · all saved on the server · The PostgreSQL connection is not encrypted.',
    );
  });
});

describe('sync store', () => {
  it('shows an error from the host instead of throwing, and clears busy', async () => {
    const fake = fakeApi({
      'sync.now': () => Promise.reject({ code: 'internal', message: 'The sync is not available.' }),
    });
    const store = createSyncStore(fake.api);
    await store.getState().syncNow();
    expect(store.getState().error).toBe('The sync is not available.');
    expect(store.getState().busy).toBe(false);
  });

  it('keeps the status the host sends and the config it saved', async () => {
    const fake = fakeApi({
      'sync.now': () => ({ status: status({ state: 'idle', pending: 0 }), shipped: 7, pulled: { ratings: 2, experiments: 1, prompt_versions: 0 } }),
      'sync.configure': () => ({ postgres: { connection_string: 'postgres://trainer@db:5432/latina', has_password: true }, s3: null }),
    });
    const store = createSyncStore(fake.api);
    await store.getState().syncNow();
    expect(store.getState().status?.state).toBe('idle');
    const ok = await store.getState().configure({ postgres: { connection_string: 'postgres://trainer:pw@db:5432/latina' }, s3: null });
    expect(ok).toBe(true);
    expect(store.getState().config?.postgres?.has_password).toBe(true);
    expect(fake.callsOf('sync.configure')).toEqual([{ postgres: { connection_string: 'postgres://trainer:pw@db:5432/latina' }, s3: null }]);
  });
});
