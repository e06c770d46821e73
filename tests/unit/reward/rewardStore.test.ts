import { describe, expect, it } from 'vitest';
import type { CallOutput } from '../../../core/api';
import { agreementExcludedText, agreementText, createRewardStore, dataText, featureSetText, metricRows } from '../../../renderer/stores/rewardStore';
import { fakeApi, flush } from '../renderer/fixtures';

const metrics = (m: Partial<NonNullable<CallOutput<'reward.status'>['model']>['metrics']>) => ({
  samples: 40, mae: 0.8, within_half: 0.4, pairwise_accuracy: 0.7, decisive_pairs: 15, spearman: 0.5, ...m,
});

const status = (change: Partial<CallOutput<'reward.status'>> = {}): CallOutput<'reward.status'> => ({
  state: 'not_ready',
  message: 'Not used for pre-filtering yet',
  training: false,
  feature_set: 'classical-v1',
  clip: { state: 'not_installed', message: 'not installed' },
  training_samples: 30,
  skipped_images: 0,
  min_training_samples: 20,
  ready_min_samples: 200,
  pairwise_threshold: 0.65,
  retrain_every: 10,
  next_training_at_samples: 40,
  model: {
    id: 'rwd_1',
    created_at: '2025-01-19T10:00:00.000Z',
    feature_set: 'classical-v1',
    training_samples: 30,
    heads: 5,
    ready: false,
    readiness: '30 of 200',
    metrics: metrics({}),
    baseline: metrics({ mae: 1.1, within_half: 0.2, pairwise_accuracy: 0.5, spearman: null }),
    epochs: [{ epochs: 30, best_epoch: 20, stopped_early: true }],
  },
  agreement: {
    pairs: 20,
    agreed: 14,
    rate: 0.7,
    low: 0.4810,
    high: 0.8545,
    baseline: { side: 'B', agreed: 11, rate: 0.55 },
    excluded: { indistinct: 0, ties: 0, prediction_ties: 0 },
  },
  last_error: null,
  ...change,
});

describe('reward store', () => {
  it('loads the status, starts a run, and keeps the error of a refused run', async () => {
    let trained = 0;
    const { api, callsOf } = fakeApi({
      'reward.status': () => status(),
      'reward.train': () => {
        if (++trained > 1) throw Object.assign(new Error('x'), { code: 'conflict', message: 'Only 6 rated images: rate at least 10 pairs' });
        return status({ state: 'training', training: true });
      },
    });
    const store = createRewardStore(api);
    await store.getState().refresh('surfaces');
    expect(callsOf('reward.status')).toEqual([{ mode: 'surfaces' }]);
    expect(store.getState().status!.state).toBe('not_ready');
    await store.getState().train();
    expect(store.getState().status!.training).toBe(true);
    await store.getState().train();
    await flush();
    expect(store.getState().error).toMatch(/rate at least 10 pairs/);
  });

  it('words the agreement, the metrics against the baseline, and the feature set', () => {
    expect(agreementText(null)).toMatch(/loading/);
    const none = { pairs: 0, agreed: 0, rate: null, low: null, high: null, baseline: { side: null, agreed: 0, rate: null }, excluded: { indistinct: 3, ties: 2, prediction_ties: 1 } };
    expect(agreementText(status({ agreement: none }))).toMatch(/no rated pair that can count/);
    expect(agreementExcludedText(status({ agreement: none }))).toBe('Not counted: 3 with images that could not be told apart, 2 rated a tie or both bad, 1 the model rated equal.');
    expect(agreementText(status())).toBe(
      'Model agreed with the trainer on 14 of 20 pairs (70%, 95% interval 48–85%); always naming B: 11 of 20 (55%); chance: 50%',
    );
    expect(agreementExcludedText(status())).toBeNull();
    expect(metricRows(status().model!)).toEqual([
      { name: 'Mean absolute error', model: '0.80', baseline: '1.10' },
      { name: 'Within ±0.5', model: '40%', baseline: '20%' },
      { name: 'Pairwise accuracy', model: '70% of 15 pairs', baseline: '50% of 15 pairs' },
      { name: 'Spearman correlation', model: '0.50', baseline: '–' },
    ]);
    expect(featureSetText(status())).toMatch(/no CLIP/);
    // The count now and the current model's count, each named: never "68 of 200" beside "74 rated images".
    expect(dataText(status({ training_samples: 74, model: { ...status().model!, training_samples: 68 } }))).toBe('74 rated images so far; the current model was trained on 68');
    expect(dataText(status({ training_samples: 12, model: null }))).toBe('12 rated images so far');
    expect(featureSetText(status({ feature_set: 'clip-0123456789ab+classical-v1' }))).toMatch(/^CLIP embedding/);
  });
});
