import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, CallOutput, Mode } from '../../core/api';
import { errorText } from './errorText';

// The reward model (Phase 2) as admins see it: status, held-out metrics, a manual "Train now".

export type RewardStatus = CallOutput<'reward.status'>;
type Metrics = NonNullable<RewardStatus['model']>['metrics'];

export interface RewardState {
  status: RewardStatus | null;
  loading: boolean;
  error: string | null;
}

export interface RewardActions {
  refresh(mode?: Mode): Promise<void>;
  train(): Promise<void>;
}

export type RewardStore = StoreApi<RewardState & RewardActions>;

export function createRewardStore(api: ApiClient): RewardStore {
  let latest = 0;
  return createStore<RewardState & RewardActions>()((set) => ({
    status: null,
    loading: false,
    error: null,

    async refresh(mode) {
      const ticket = ++latest;
      set({ loading: true });
      try {
        const status = await api.call('reward.status', mode ? { mode } : {});
        if (ticket === latest) set({ status, loading: false, error: null });
      } catch (error) {
        if (ticket === latest) set({ loading: false, error: errorText(error) });
      }
    },

    async train() {
      set({ error: null });
      try {
        const status = await api.call('reward.train', {});
        ++latest;
        set({ status });
      } catch (error) {
        set({ error: errorText(error) });
      }
    },
  }));
}

const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 100)}%`);
const fixed = (value: number | null, digits = 2) => (value === null ? '–' : value.toFixed(digits));

/** Rows of the metrics table: the model against the mean baseline on the same held-out ratings. */
export function metricRows(model: NonNullable<RewardStatus['model']>): { name: string; model: string; baseline: string }[] {
  const row = (name: string, pick: (m: Metrics) => string) => ({ name, model: pick(model.metrics), baseline: pick(model.baseline) });
  return [
    row('Mean absolute error', (m) => fixed(m.mae)),
    row('Within ±0.5', (m) => percent(m.within_half)),
    row('Pairwise accuracy', (m) => `${percent(m.pairwise_accuracy)} of ${m.decisive_pairs} pairs`),
    row('Spearman correlation', (m) => fixed(m.spearman)),
  ];
}

/** "The model agreed with the trainer on 14 of 20 pairs (70%)", from predictions made before rating. */
export function agreementText(status: RewardStatus | null): string {
  if (status === null) return 'Model agreement: loading…';
  const { pairs, agreed, rate } = status.agreement;
  if (pairs === 0) return 'Model agreement: no rated pair had a prediction yet';
  return `Model agreed with the trainer on ${agreed} of ${pairs} pairs (${percent(rate)})`;
}

export function featureSetText(status: RewardStatus): string {
  return status.feature_set.startsWith('clip-') ? 'CLIP embedding + 204 classical features' : '204 classical features (no CLIP encoder)';
}
