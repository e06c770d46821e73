import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImageStore } from '../../../core/images';
import { mulberry32 } from '../../../core/optimizer';
import { createQualityPairs, RATED_BEFORE_MEASURING } from '../../../core/queue/quality';
import { raterFigures } from '../../../core/raters';
import type { RaterAnswerRow } from '../../../core/store';
import { serverExportSource, type SyncConfig } from '../../../core/sync';
import { createSite, dataDir, startServers, type Servers, type Site } from './servers';
import { createWorkstation, newId, type Workstation } from './workstation';

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
});
afterAll(async () => {
  await servers?.close();
});

/** The queue's own gold and repeat maker on a test workstation, with the kind to make forced. */
function qualityMaker(ws: Workstation) {
  const images = createImageStore({ dataDir: ws.dataDir });
  let rates = { gold: 0, repeat: 0 };
  const maker = createQualityPairs({
    store: ws.store,
    ingest: (bytes) => images.ingest(bytes),
    imagePath: (sha) => images.pathOf(sha),
    newId: (prefix) => newId(prefix),
    seed: 13,
    log: () => {},
    rates: () => rates,
  });
  return async (kind: 'gold' | 'repeat') => {
    rates = kind === 'gold' ? { gold: 1, repeat: 0 } : { gold: 0, repeat: 1 };
    const made = await maker.next('structure');
    if (!made) throw new Error(`no ${kind} pair was made`);
    return made;
  };
}

function answer(ws: Workstation, experimentId: string, rater: string, outcome: 'A' | 'B', ratings: [number, number], at: number): void {
  ws.store.ratings.rate({
    id: newId('rat'),
    experiment_id: experimentId,
    rated_by: rater,
    outcome,
    rating_a: ratings[0],
    rating_b: ratings[1],
    comment_a: '',
    comment_b: '',
    shown_at: new Date(Date.UTC(2026, 2, 1, 9, 0, at * 10)).toISOString(),
    answered_at: new Date(Date.UTC(2026, 2, 1, 9, 0, at * 10 + 3 + (at % 7))).toISOString(),
    details_shown: 0,
  });
}

const byRatingOrder = (answers: RaterAnswerRow[]) => [...answers].sort((x, y) => `${x.rater} ${x.item} ${x.ratingA}`.localeCompare(`${y.rater} ${y.item} ${y.ratingA}`));

async function adminConfig(site: Site): Promise<SyncConfig> {
  const login = await servers.pg.createLogin('latina_admin');
  return { ...site.config, postgres: { connectionString: servers.pg.url(site.database, login.user, login.password), connectTimeoutMs: 2000 } };
}

describe('sync: gold and repeat marks reach every workstation', () => {
  it('a workstation that pulls another trainer’s gold and repeat pairs, and the server, give the same rater figures as the workstation that made them', async () => {
    const site = await createSite(servers);
    const ana = await createWorkstation(dataDir(servers, 'ana'), site.config);
    // Two rows a page: marks, pulled by their own cursor, come pages ahead of the ratings of their pairs.
    const bo = await createWorkstation(dataDir(servers, 'bo'), site.config, { pullPageSize: 2 });
    try {
      let at = 0;
      const normal: string[] = [];
      while (ana.store.quality.normalRatedCount('structure') < RATED_BEFORE_MEASURING) {
        const id = await ana.pair();
        normal.push(id);
        answer(ana, id, 'ana', at % 2 ? 'A' : 'B', at % 2 ? [4, 2] : [2, 4], at++);
      }
      expect((await ana.sync.syncNow()).error).toBeNull();
      expect((await bo.sync.syncNow()).error).toBeNull();
      const make = qualityMaker(ana);
      const golds = [await make('gold'), await make('gold'), await make('gold')];
      const repeat = await make('repeat');
      const marks = ana.store.quality.marks([...golds, repeat].map((e) => e.id));
      expect(marks.map((m) => m.kind)).toEqual(['gold', 'gold', 'gold', 'repeat']);
      // Two gold pairs answered right (intact side chosen), one wrong; the repeat answered the other way round.
      golds.forEach((gold, i) => {
        const broken = marks[i]!.broken_label!;
        const intact = broken === 'A' ? 'B' : 'A';
        const chosen = i < 2 ? intact : broken;
        answer(ana, gold.id, 'ana', chosen, chosen === 'A' ? [4, 1] : [1, 4], at++);
      });
      expect(normal).toContain(marks[3]!.repeat_of);
      answer(ana, repeat.id, 'ana', 'A', [3, 3], at++);
      expect((await ana.sync.syncNow()).error).toBeNull();
      expect((await bo.sync.syncNow()).error).toBeNull();

      const all = [...normal, ...golds.map((g) => g.id), repeat.id];
      expect(bo.store.quality.marks(all)).toEqual(marks);
      const anaAnswers = ana.store.quality.raterAnswers();
      expect(anaAnswers.filter((a) => a.brokenSide !== null)).toHaveLength(3);
      expect(byRatingOrder(bo.store.quality.raterAnswers())).toEqual(byRatingOrder(anaAnswers));
      const source = await serverExportSource({ config: await adminConfig(site), excludedRaters: [], prompts: () => null })({ scratchDir: servers.temp.path });
      let serverAnswers: RaterAnswerRow[];
      try {
        serverAnswers = await source.raterAnswers();
      } finally {
        await source.close();
      }
      expect(byRatingOrder(serverAnswers)).toEqual(byRatingOrder(anaAnswers));

      const figures = (answers: RaterAnswerRow[]) => raterFigures(answers, mulberry32(5)).raters.find((r) => r.rater === 'ana')!;
      const onAna = figures(anaAnswers);
      expect(onAna.gold).toMatchObject({ successes: 2, n: 3 });
      expect(onAna.selfConsistency.n).toBe(1);
      expect(figures(bo.store.quality.raterAnswers())).toEqual(onAna);
      expect(figures(serverAnswers)).toEqual(onAna);
      // Learning on the pulling workstation leaves the gold and repeat pairs out, as on the first.
      expect(bo.store.ratings.samplesCollected('structure')).toBe(ana.store.ratings.samplesCollected('structure'));
      expect(bo.store.quality.repeatCandidate('structure')).toBeNull();
    } finally {
      await ana.close();
      await bo.close();
    }
  });
});
