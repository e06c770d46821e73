import { describe, expect, it } from 'vitest';
import type { CallOutput } from '../../../core/api';
import { agreementText, createRewardStore, featureSetText, metricRows } from '../../../renderer/stores/rewardStore';
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
  agreement: { pairs: 20, agreed: 14, rate: 0.7 },
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
    expect(agreementText(status({ agreement: { pairs: 0, agreed: 0, rate: null } }))).toMatch(/no rated pair/);
    expect(agreementText(status())).toBe('Model agreed with the trainer on 14 of 20 pairs (70%)');
    expect(metricRows(status().model!)).toEqual([
      { name: 'Mean absolute error', model: '0.80', baseline: '1.10' },
      { name: 'Within ±0.5', model: '40%', baseline: '20%' },
      { name: 'Pairwise accuracy', model: '70% of 15 pairs', baseline: '50% of 15 pairs' },
      { name: 'Spearman correlation', model: '0.50', baseline: '–' },
    ]);
    expect(featureSetText(status())).toMatch(/no CLIP/);
    expect(featureSetText(status({ feature_set: 'clip-0123456789ab+classical-v1' }))).toMatch(/^CLIP embedding/);
  });
});
