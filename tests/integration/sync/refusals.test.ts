import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite, dataDir, startServers, type Servers } from './servers';
import { createWorkstation, newId } from './workstation';

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
});
afterAll(async () => {
  await servers?.close();
});

const ids = async (db: string, table: string) => (await servers.pg.query<{ id: string }>(db, `SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);

describe('sync: one refused row never stops the rest', () => {
  it('sets aside a rating PostgreSQL cannot store (a NUL in its comment) and ships the ratings after it', async () => {
    const site = await createSite(servers);
    const logs: string[] = [];
    const ws = await createWorkstation(dataDir(servers), site.config, { log: (m) => logs.push(m) });
    try {
      const before = await ws.rateNew('ana');
      // Written straight into the store, as a release before the contract refused control characters did.
      const bad = newId('rat');
      ws.store.ratings.rate({
        id: bad,
        experiment_id: await ws.pair(),
        rated_by: 'ana',
        outcome: 'A',
        rating_a: 3,
        comment_a: 'nul \u0000 here',
        rating_b: 2,
        comment_b: '',
        shown_at: null,
        details_shown: null,
        answered_at: new Date().toISOString(),
      });
      const after = await ws.rateNew('ana');

      const report = await ws.sync.syncNow();
      expect(report).toMatchObject({ state: 'idle', refused: 1, error: null });
      expect(ws.sync.status()).toMatchObject({ state: 'idle', pending: 0, refused: 1, last_error: null });
      expect(await ids(site.database, 'pair_ratings')).toEqual([before, after].sort());
      expect(ws.sync.refusedRows()).toEqual([
        expect.objectContaining({ entity: 'rating', entity_id: bad, reason: expect.stringMatching(/0x00.*SQLSTATE 22/) }),
      ]);
      expect(logs.some((m) => m.includes(bad) && m.includes('refused by the server'))).toBe(true);
      // NDJSON in the bucket holds what the database took, without the refused rating.
      const keys = (await servers.s3.keys(site.bucket)).filter((k) => k.startsWith('ratings/'));
      const lines = (await Promise.all(keys.map((k) => servers.s3.text(site.bucket, k)))).join('');
      expect(lines).toContain(after);
      expect(lines).not.toContain(bad);

      // Later ratings keep flowing; the refused one is not retried.
      const later = await ws.rateNew('ana');
      expect(await ws.sync.syncNow()).toMatchObject({ state: 'idle', refused: 0, shipped: 2 });
      expect(await ids(site.database, 'pair_ratings')).toEqual([before, after, later].sort());
    } finally {
      await ws.close();
    }
  });

  it('refuses a prompt decision shipped with a trainer login on its own, says so, and ships the ratings around it', async () => {
    const site = await createSite(servers);
    const ws = await createWorkstation(dataDir(servers), site.config);
    try {
      const first = await ws.rateNew('ana');
      ws.makeVersion('v1.1.0', 'warm evening light');
      const decision = newId('dec');
      ws.store.prompts.decide(
        { id: decision, action: 'approve', version: 'v1.1.0', previous_version: null, candidate_id: null, decided_by: 'lea', decided_at: new Date().toISOString(), note: null },
        null,
      );
      const second = await ws.rateNew('ana');

      const report = await ws.sync.syncNow();
      expect(report).toMatchObject({ state: 'idle', refused: 1, error: null });
      expect(await ids(site.database, 'pair_ratings')).toEqual([first, second].sort());
      expect(await ids(site.database, 'prompt_decisions')).toEqual([]);
      expect(ws.sync.status()).toMatchObject({ pending: 0, refused: 1 });
      expect(ws.sync.refusedRows()).toEqual([
        expect.objectContaining({ entity: 'prompt_decision', entity_id: decision, reason: expect.stringMatching(/only an admin's PostgreSQL login/) }),
      ]);
    } finally {
      await ws.close();
    }
  });

  it('sets aside ratings under a rater id another login owns, and ships the trainer\'s own', async () => {
    const site = await createSite(servers);
    const other = await servers.pg.createLogin('latina_trainer');
    const otherConfig = {
      ...site.config,
      postgres: { ...site.config.postgres!, connectionString: servers.pg.url(site.database, other.user, other.password) },
    };
    const wsA = await createWorkstation(dataDir(servers), site.config);
    const wsB = await createWorkstation(dataDir(servers), otherConfig);
    try {
      const mine = await wsA.rateNew('ana');
      expect(await wsA.sync.syncNow()).toMatchObject({ state: 'idle', refused: 0 });
      const forged = await wsB.rateNew('ana');
      const own = await wsB.rateNew('ben');
      const report = await wsB.sync.syncNow();
      expect(report).toMatchObject({ state: 'idle', refused: 1, error: null });
      expect(await ids(site.database, 'pair_ratings')).toEqual([mine, own].sort());
      expect(wsB.sync.refusedRows()).toEqual([
        expect.objectContaining({ entity: 'rating', entity_id: forged, reason: expect.stringMatching(/rater id "ana" is not registered to login/) }),
      ]);
    } finally {
      await wsA.close();
      await wsB.close();
    }
  });

  it('skips a malformed row on the server (a pair rating without its scores), logs and counts it, and pulls on past it', async () => {
    const site = await createSite(servers);
    const ws1 = await createWorkstation(dataDir(servers), site.config);
    const logs: string[] = [];
    const ws2 = await createWorkstation(dataDir(servers), site.config, { log: (m) => logs.push(m) });
    try {
      const good = await ws1.rateNew('ana');
      const pair = await ws1.pair();
      expect((await ws1.sync.syncNow()).state).toBe('idle');
      // Half a rating, as a hand edit on the server could leave it: no enhancement_ratings rows.
      await servers.pg.query(
        site.database,
        `INSERT INTO pair_ratings (id, experiment_id, rated_by, outcome, answered_at, workstation_id) VALUES ('rat_half', $1, 'ana', 'A', now(), 'hand')`,
        [pair],
      );
      const later = await ws1.rateNew('ana');
      expect((await ws1.sync.syncNow()).state).toBe('idle');

      const report = await ws2.sync.syncNow();
      expect(report).toMatchObject({ state: 'idle', error: null, pulled: { ratings: 2, skipped: 1 } });
      expect(ws2.ratings().map((r) => r.id)).toEqual([good, later].sort());
      expect(logs.some((m) => m.includes('rat_half') && m.includes('skipped'))).toBe(true);
      // The cursor moved past it: the next pull neither fails nor meets it again.
      expect(await ws2.sync.syncNow()).toMatchObject({ state: 'idle', pulled: { ratings: 0, skipped: 0 } });
    } finally {
      await ws1.close();
      await ws2.close();
    }
  });
});
