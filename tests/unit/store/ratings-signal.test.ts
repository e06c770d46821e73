import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type PulledPage, type RatingsChange, type Store } from '../../../core/store';
import { fakeSha as sha, readyPair } from '../../helpers/store';
import { tempDir } from '../../helpers/temp';

// The store's one internal signal: raised once per committed rating, undo, skip or pulled page that
// brought ratings, after the commit, and never for a write that was refused.

const dir = tempDir();
afterAll(() => dir.remove());

let store: Store;
let heard: RatingsChange[];
let reported: string[];
let n = 0;

const rating = (id: string, experiment_id: string) => ({
  id,
  experiment_id,
  rated_by: 'ana@studio',
  outcome: 'B' as const,
  rating_a: 2,
  comment_a: '',
  rating_b: 4,
  comment_b: '',
  shown_at: null,
  details_shown: 0 as const,
  answered_at: '2026-01-01T10:00:00.000Z',
});

const pulledPage = (ratingId: string): PulledPage => ({
  images: [{ sha256: sha('e'), mime: 'image/jpeg', width: 8, height: 6, bytes: 80, source_name: 'their kitchen' }],
  experiments: [
    {
      id: 'exp_remote',
      source_sha256: sha('e'),
      mode: 'surfaces',
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
  ratings: [{ ...rating(ratingId, 'exp_remote'), rated_by: 'bo', details_shown: false }],
  retractions: [],
  skips: [],
  prompt_versions: [],
  state: {},
});

beforeEach(() => {
  reported = [];
  store = openStore(`${dir.path}/signal-${n++}.sqlite`, { log: (message) => reported.push(message) });
  heard = [];
  store.onRatingsChanged((change) => heard.push(change));
  readyPair(store, 'exp_1');
  readyPair(store, 'exp_2');
});

describe('the ratings signal', () => {
  it('is raised once per rating, undo and skip, after the commit, with the revision the learners key on', () => {
    let seenInside: string | undefined;
    store.onRatingsChanged(() => {
      // A listener reads the committed rating: the signal comes after the transaction.
      seenInside ??= store.ratings.effectiveRating('exp_1')?.id;
    });
    store.ratings.rate(rating('rat_1', 'exp_1'));
    expect(heard).toEqual([{ source: 'rating', mode: 'structure', revision: store.ratings.revision() }]);
    expect(seenInside).toBe('rat_1');

    const beforeUndo = store.ratings.revision();
    expect(store.ratings.retract('rat_1', 'rat_undo')).not.toBeNull();
    expect(heard.map((c) => c.source)).toEqual(['rating', 'undo']);
    expect(heard[1]!.revision).not.toBe(beforeUndo);

    store.ratings.skip('skp_1', 'exp_2', 'ana@studio', 'broken image');
    expect(heard.map((c) => [c.source, c.mode])).toEqual([
      ['rating', 'structure'],
      ['undo', 'structure'],
      ['skip', 'structure'],
    ]);
  });

  it('is not raised for a refused rating, or for an undo with nothing to take back', () => {
    store.ratings.rate(rating('rat_1', 'exp_1'));
    heard.length = 0;
    expect(() => store.ratings.rate(rating('rat_2', 'exp_1'))).toThrow(/already rated/);
    expect(() => store.ratings.rate(rating('rat_3', 'exp_missing'))).toThrow(/No pair/);
    expect(store.ratings.undoLast('nobody@studio', 'rat_undo')).toBeNull();
    expect(store.ratings.retract('rat_missing', 'rat_undo2')).toBeNull();
    expect(heard).toEqual([]);
  });

  it('is raised once for a pulled page that brought ratings, and not for one that brought none', () => {
    store.sync.applyPulled(pulledPage('rat_remote'));
    expect(heard).toEqual([{ source: 'pull', mode: null, revision: store.ratings.revision() }]);
    // The same page again lands nothing new.
    store.sync.applyPulled(pulledPage('rat_remote'));
    store.sync.applyPulled({ ...pulledPage('rat_other'), ratings: [] });
    expect(heard).toHaveLength(1);
  });

  it('reports a listener that throws, still runs the others, and keeps the rating', () => {
    const order: string[] = [];
    store.onRatingsChanged(() => {
      order.push('failing');
      throw new Error('disk full');
    });
    store.onRatingsChanged(() => order.push('after it'));
    expect(() => store.ratings.rate(rating('rat_1', 'exp_1'))).not.toThrow();
    expect(order).toEqual(['failing', 'after it']);
    expect(heard).toHaveLength(1);
    expect(reported).toEqual(['work after a ratings change (rating) failed: disk full']);
    expect(store.ratings.effectiveRating('exp_1')?.id).toBe('rat_1');
  });

  it('stops telling a listener that stopped listening', () => {
    const later: RatingsChange[] = [];
    const stop = store.onRatingsChanged((change) => later.push(change));
    stop();
    store.ratings.rate(rating('rat_1', 'exp_1'));
    expect(later).toEqual([]);
    expect(heard).toHaveLength(1);
  });
});
