import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mode } from '../../../core/api';
import { mulberry32 } from '../../../core/optimizer';
import { raterFigures } from '../../../core/raters';
import { OVERLAP_BACKLOG, overlapPosition } from '../../../core/sync';
import { createSite, dataDir, startServers, type Servers, type Site } from './servers';
import { createWorkstation, newId, type Workstation } from './workstation';

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
});
afterAll(async () => {
  await servers?.close();
});

const MODE: Mode = 'structure';

/** A trainer's desktop that takes part in overlap with `share`, rating in MODE. */
function trainer(site: Site, rater: string, share: number, seed: number): Promise<Workstation> {
  return createWorkstation(dataDir(servers, rater), site.config, { overlap: () => ({ share, rater, mode: MODE }), random: mulberry32(seed) });
}

interface Answer {
  rating_a: number;
  rating_b: number;
  outcome: 'A' | 'B' | 'tie' | 'both_bad';
}

function rateAs(ws: Workstation, experimentId: string, rater: string, answer: Answer): void {
  const at = new Date().toISOString();
  ws.store.ratings.rate({ id: newId('rat'), experiment_id: experimentId, rated_by: rater, comment_a: '', comment_b: '', shown_at: at, answered_at: at, details_shown: 0, ...answer });
}

/** The first trainer's answer on the n-th pair: ratings and outcomes that vary, so α has something to measure. */
const firstAnswer = (n: number): Answer => ({ rating_a: 1 + (n % 5), rating_b: 1 + ((n * 3 + 2) % 5), outcome: n % 5 < (n * 3 + 2) % 5 ? 'B' : n % 5 > (n * 3 + 2) % 5 ? 'A' : 'tie' });

const flip = (outcome: Answer['outcome']): Answer['outcome'] => (outcome === 'A' ? 'B' : outcome === 'B' ? 'A' : outcome);

/** `count` new pairs rated by `rater`; returns their ids with the answers, in rating order. */
async function rateMany(ws: Workstation, rater: string, count: number): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  for (let n = 0; n < count; n++) {
    const id = await ws.pair();
    answers.set(id, firstAnswer(n));
    rateAs(ws, id, rater, firstAnswer(n));
  }
  return answers;
}

/** The pairs of `answers` the share offers, in rating order. */
function inShare(ws: Workstation, answers: Map<string, Answer>, share: number): string[] {
  return [...answers.keys()].filter((id) => ws.store.experiments.get(id)!.mode === MODE && overlapPosition(id) < share);
}

/** The copies waiting in a workstation's queue, oldest first. */
const waitingCopies = (ws: Workstation) => {
  const marks = new Map(ws.store.overlap.marks().map((m) => [m.experiment_id, m]));
  return ws.store.experiments.readyQueue(MODE, 100).filter((e) => marks.has(e.id)).map((e) => ({ copy: e, mark: marks.get(e.id)! }));
};

const claims = (site: Site) =>
  servers.pg.query<{ experiment_id: string; claimed_by: string; origin_rater: string }>(
    site.database,
    'SELECT experiment_id, claimed_by, origin_rater FROM overlap_claims ORDER BY claimed_at, experiment_id',
  );

describe('sync: overlap between trainers', () => {
  it('offers a share of one trainer’s pairs to a second one, who rates copies blind, and every workstation measures their agreement', async () => {
    const site = await createSite(servers);
    const ana = await trainer(site, 'ana', 0.5, 1);
    const bo = await trainer(site, 'bo', 0.5, 2);
    try {
      const answers = await rateMany(ana, 'ana', 24);
      expect((await ana.sync.syncNow()).pulled.overlap).toBe(0);

      const report = await bo.sync.syncNow();
      const offered = inShare(ana, answers, 0.5).slice(0, OVERLAP_BACKLOG);
      expect(offered.length).toBeGreaterThan(1);
      expect(report).toMatchObject({ state: 'idle', pulled: { overlap: offered.length } });
      const copies = waitingCopies(bo);
      expect(copies.map((c) => c.mark.origin_experiment_id)).toEqual(offered);

      for (const [i, { copy, mark }] of copies.entries()) {
        const origin = ana.store.experiments.get(mark.origin_experiment_id)!;
        // Same renders, shown on the sides the copy's coin drew; nothing else tells the pairs apart.
        const outputs = origin.options.map((o) => o.output_sha256);
        expect(copy.options.map((o) => o.output_sha256)).toEqual(mark.swapped ? [...outputs].reverse() : outputs);
        expect(copy.source_sha256).toBe(origin.source_sha256);
        expect(bo.store.sync.images([...outputs, origin.source_sha256].map(String)).length).toBe(3);
        // bo agrees with ana on every pair but the first, where the outcome goes the other way.
        const first = answers.get(origin.id)!;
        const seen = mark.swapped ? { rating_a: first.rating_b, rating_b: first.rating_a, outcome: flip(first.outcome) } : first;
        rateAs(bo, copy.id, 'bo', i === 0 ? { ...seen, outcome: seen.outcome === 'A' ? 'B' : 'A' } : seen);
      }
      expect(new Set(copies.map((c) => c.mark.swapped)).size).toBe(2);
      expect((await bo.sync.syncNow()).state).toBe('idle');
      expect((await ana.sync.syncNow()).state).toBe('idle');

      // On ana's workstation the copies came with their claims; on bo's they were made there.
      for (const ws of [ana, bo]) {
        const figures = raterFigures(ws.store.quality.raterAnswers(), mulberry32(3));
        const byRater = new Map(figures.raters.map((r) => [r.rater, r]));
        for (const rater of ['ana', 'bo']) {
          const overlap = byRater.get(rater)!.overlap;
          expect(overlap.pairs).toBe(offered.length);
          expect(overlap.outcomeAgreement).toMatchObject({ successes: offered.length - 1, n: offered.length });
          // Identical ratings on every option: α is 1.
          expect(overlap.alpha).toMatchObject({ value: 1, units: 2 * offered.length });
          expect(overlap.alpha.low).not.toBeNull();
        }
        // Learning counts each pair's content once (two rated options a pair): ana's ratings, not bo's copies.
        expect(ws.store.ratings.samplesCollected(MODE)).toBe(2 * [...answers.keys()].filter((id) => ana.store.experiments.get(id)!.mode === MODE).length);
      }
    } finally {
      await ana.close();
      await bo.close();
    }
  });

  it('never offers a pair to its own rater, and gives each pair to exactly one second trainer', async () => {
    const site = await createSite(servers);
    const ana = await trainer(site, 'ana', 0.5, 4);
    // The same trainer at a second desk is still the pair's own rater.
    const anaElsewhere = await trainer(site, 'ana', 0.5, 5);
    const bo = await trainer(site, 'bo', 0.5, 6);
    const cy = await trainer(site, 'cy', 0.5, 7);
    try {
      const answers = await rateMany(ana, 'ana', 40);
      const offered = inShare(ana, answers, 0.5).length;
      expect(offered).toBeGreaterThan(OVERLAP_BACKLOG);
      expect((await ana.sync.syncNow()).pulled.overlap).toBe(0);
      expect((await anaElsewhere.sync.syncNow()).pulled.overlap).toBe(0);
      expect((await bo.sync.syncNow()).pulled.overlap).toBe(OVERLAP_BACKLOG);
      expect((await cy.sync.syncNow()).pulled.overlap).toBe(Math.min(OVERLAP_BACKLOG, offered - OVERLAP_BACKLOG));
      // bo's copies, once rated and shipped, are no pairs to offer again: cy syncs after them.
      for (const { copy } of waitingCopies(bo)) rateAs(bo, copy.id, 'bo', { rating_a: 3, rating_b: 3, outcome: 'tie' });
      await bo.sync.syncNow();
      for (const { copy } of waitingCopies(cy)) rateAs(cy, copy.id, 'cy', { rating_a: 3, rating_b: 3, outcome: 'tie' });
      await cy.sync.syncNow();
      await anaElsewhere.sync.syncNow();
      expect(anaElsewhere.store.overlap.marks().filter((m) => m.claimed_by === 'ana')).toEqual([]);

      const rows = await claims(site);
      expect(rows.length).toBeGreaterThan(OVERLAP_BACKLOG);
      expect(new Set(rows.map((r) => r.experiment_id)).size).toBe(rows.length);
      expect(rows.every((r) => r.origin_rater === 'ana' && r.claimed_by !== 'ana' && answers.has(r.experiment_id))).toBe(true);
      const byBo = new Set(bo.store.overlap.marks().filter((m) => m.claimed_by === 'bo').map((m) => m.origin_experiment_id));
      const byCy = new Set(cy.store.overlap.marks().filter((m) => m.claimed_by === 'cy').map((m) => m.origin_experiment_id));
      expect([...byBo].filter((id) => byCy.has(id))).toEqual([]);
      expect(byBo.size + byCy.size).toBe(rows.length);
    } finally {
      for (const ws of [ana, anaElsewhere, bo, cy]) await ws.close();
    }
  });

  it('offers exactly the pairs in the share, a few at a time as the second trainer rates them', async () => {
    const site = await createSite(servers);
    const share = 0.25;
    const ana = await trainer(site, 'ana', share, 8);
    const bo = await trainer(site, 'bo', share, 9);
    try {
      const answers = await rateMany(ana, 'ana', 60);
      await ana.sync.syncNow();
      const expected = inShare(ana, answers, share);
      const structure = [...answers.keys()].filter((id) => ana.store.experiments.get(id)!.mode === MODE);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(structure.length);

      for (;;) {
        const { pulled } = await bo.sync.syncNow();
        expect(waitingCopies(bo).length).toBeLessThanOrEqual(OVERLAP_BACKLOG);
        if (pulled.overlap === 0) break;
        for (const { copy } of waitingCopies(bo)) rateAs(bo, copy.id, 'bo', { rating_a: 4, rating_b: 2, outcome: 'A' });
      }
      expect(bo.store.overlap.marks().map((m) => m.origin_experiment_id)).toEqual(expected);
    } finally {
      await ana.close();
      await bo.close();
    }
  });

  it('claims nothing without a trainer name or with a share of 0', async () => {
    const site = await createSite(servers);
    const ana = await trainer(site, 'ana', 0.5, 10);
    const nameless = await createWorkstation(dataDir(servers), site.config, { overlap: () => ({ share: 0.5, rater: null, mode: MODE }) });
    const off = await trainer(site, 'bo', 0, 11);
    try {
      await rateMany(ana, 'ana', 12);
      await ana.sync.syncNow();
      expect((await nameless.sync.syncNow()).pulled.overlap).toBe(0);
      expect((await off.sync.syncNow()).pulled.overlap).toBe(0);
      expect(await claims(site)).toEqual([]);
    } finally {
      for (const ws of [ana, nameless, off]) await ws.close();
    }
  });
});
