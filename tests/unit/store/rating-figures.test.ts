import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../core/store';
import { fakeSha, readyPair } from '../../helpers/store';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());

let clock = 0;
const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString();

const rate = (store: Store, experimentId: string, ratedBy: string, a: number, b: number) =>
  store.ratings.rate({
    id: `rat_${experimentId}_${clock}`,
    experiment_id: experimentId,
    rated_by: ratedBy,
    outcome: a > b ? 'A' : a < b ? 'B' : 'tie',
    rating_a: a,
    comment_a: '',
    rating_b: b,
    comment_b: '',
    shown_at: null,
    details_shown: 0,
    answered_at: now(),
  });

/** Every kept figure, as this store answers it. */
const figuresOf = (store: Store) => ({
  revision: store.ratings.revision(),
  samples: store.ratings.samplesCollected('structure'),
  surfaces: store.ratings.samplesCollected('surfaces'),
  best: store.ratings.bestRating('structure'),
  training: store.reward.trainingCount(),
  sampleCount: store.prompts.sampleCount(),
  mean: store.prompts.versionMean('v1.0.0'),
});

/** The same figures counted from scratch, by a second store on the same file. */
function counted(file: string) {
  const fresh = openStore(file, { now });
  try {
    return figuresOf(fresh);
  } finally {
    fresh.close();
  }
}

describe('the kept rating figures', () => {
  it('agree with a count from scratch after ratings, an undo, a gold mark on a rated pair and an excluded rater', () => {
    const file = `${dir.path}/figures.sqlite`;
    const store = openStore(file, { now });
    const output = fakeSha('b');
    store.images.record({ sha256: output, mime: 'image/png', width: 8, height: 6, bytes: 100 });
    for (let i = 1; i <= 6; i++) readyPair(store, `exp_${i}`);
    // Two pairs have their images: they are what the reward model trains on.
    for (const id of ['exp_1', 'exp_2']) {
      for (const label of ['A', 'B']) store.experiments.setOptionOutput(`opt_${id}_${label}`, { output_sha256: output, latency_ms: 1, cost_usd: 0, details: {} });
    }
    // Asked before any rating, so what follows moves figures that are already counted.
    expect(figuresOf(store)).toEqual(counted(file));

    rate(store, 'exp_1', 'ana@studio', 2, 4);
    rate(store, 'exp_2', 'bo@studio', 5, 1);
    rate(store, 'exp_3', 'ana@studio', 3, 3);
    expect(figuresOf(store)).toMatchObject({ samples: 6, best: 5, training: 4, sampleCount: 6 });
    expect(figuresOf(store)).toEqual(counted(file));

    store.ratings.undoLast('ana@studio', 'rat_undo');
    expect(figuresOf(store)).toMatchObject({ samples: 4 });
    expect(figuresOf(store)).toEqual(counted(file));

    rate(store, 'exp_4', 'ana@studio', 1, 2);
    store.quality.markGold('exp_4', 'A', 'blur');
    expect(figuresOf(store)).toMatchObject({ samples: 4 });
    expect(figuresOf(store)).toEqual(counted(file));

    store.settings.set('excluded_raters', ['bo@studio']);
    expect(figuresOf(store)).toMatchObject({ samples: 2, best: 4, training: 2 });
    expect(figuresOf(store)).toEqual(counted(file));

    rate(store, 'exp_5', 'bo@studio', 5, 5);
    rate(store, 'exp_6', 'ana@studio', 4, 1);
    expect(figuresOf(store)).toEqual(counted(file));
    store.close();
  });
});
