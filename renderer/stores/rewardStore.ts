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

/**
 * From predictions made before rating: "Model agreed with the trainer on 14 of 20 pairs (70%, 95%
 * interval 48–85%); always naming B: 11 of 20 (55%); chance: 50%".
 */
export function agreementText(status: RewardStatus | null): string {
  if (status === null) return 'Model agreement: loading…';
  const { pairs, agreed, rate, low, high, baseline } = status.agreement;
  if (pairs === 0) return 'Model agreement: no rated pair that can count had a prediction yet';
  const model = `Model agreed with the trainer on ${agreed} of ${pairs} ${pairs === 1 ? 'pair' : 'pairs'} (${percent(rate)}, 95% interval ${low === null ? '–' : Math.round(low * 100)}–${percent(high)})`;
  return `${model}; always naming ${baseline.side}: ${baseline.agreed} of ${pairs} (${percent(baseline.rate)}); chance: 50%`;
}

/** The pairs the agreement leaves out, by why; null when none was left out. */
export function agreementExcludedText(status: RewardStatus): string | null {
  const { indistinct, ties, prediction_ties: equal } = status.agreement.excluded;
  const parts = [
    indistinct > 0 ? `${indistinct} with images that could not be told apart` : null,
    ties > 0 ? `${ties} rated a tie or both bad` : null,
    equal > 0 ? `${equal} the model rated equal` : null,
  ].filter((part) => part !== null);
  return parts.length === 0 ? null : `Not counted: ${parts.join(', ')}.`;
}

/** The rated images there are now beside those the current model was trained on: two counts, each named. */
export function dataText(status: RewardStatus): string {
  const now = `${status.training_samples} rated images so far`;
  return status.model === null ? now : `${now}; the current model was trained on ${status.model.training_samples}`;
}

export function featureSetText(status: RewardStatus): string {
  return status.feature_set.startsWith('clip-') ? 'CLIP embedding + 204 classical features' : '204 classical features (no CLIP encoder)';
}
