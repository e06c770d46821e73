import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, CallOutput } from '../../core/api';
import { errorText } from './errorText';

// The rater dashboard as admins see it: each rater's figures and flags, and exclusion from learning.

export type RatersReport = CallOutput<'raters.report'>;
export type RaterRow = RatersReport['raters'][number];
type Flag = RaterRow['flags'][number];

export interface RatersState {
  report: RatersReport | null;
  loading: boolean;
  error: string | null;
}

export interface RatersActions {
  refresh(): Promise<void>;
  setExcluded(raterId: string, excluded: boolean): Promise<void>;
}

export type RatersStore = StoreApi<RatersState & RatersActions>;

export function createRatersStore(api: ApiClient): RatersStore {
  let latest = 0;
  return createStore<RatersState & RatersActions>()((set) => ({
    report: null,
    loading: false,
    error: null,

    async refresh() {
      const ticket = ++latest;
      set({ loading: true });
      try {
        const report = await api.call('raters.report', {});
        if (ticket === latest) set({ report, loading: false, error: null });
      } catch (error) {
        if (ticket === latest) set({ loading: false, error: errorText(error) });
      }
    },

    async setExcluded(raterId, excluded) {
      set({ error: null });
      try {
        const report = await api.call('raters.exclude', { rater_id: raterId, excluded });
        ++latest;
        set({ report });
      } catch (error) {
        set({ error: errorText(error) });
      }
    },
  }));
}

const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 100)} %`);
const fixed = (value: number | null, digits = 2) => (value === null ? '–' : value.toFixed(digits));

/** A proportion as "80 % (8/10, 49–94 %)", or "–" without a sample. */
export function proportionText(p: { successes: number; n: number; value: number | null; low: number | null; high: number | null }): string {
  if (p.n === 0) return '–';
  const whole = (v: number | null) => (v === null ? '–' : String(Math.round(v * 100)));
  return `${percent(p.value)} (${p.successes}/${p.n}, ${whole(p.low)}–${percent(p.high)})`;
}

export function alphaText(a: RaterRow['agreement']): string {
  if (a.value === null) return '–';
  const interval = a.low !== null && a.high !== null ? `, ${fixed(a.low)}–${fixed(a.high)}` : '';
  return `${fixed(a.value)} (${a.units / 2} pairs${interval})`;
}

/** Agreement on the pairs offered to a second trainer through the server: α, then the same outcome. */
export function overlapText(r: RaterRow): string {
  if (r.overlap.pairs === 0) return '–';
  return `α ${alphaText(r.overlap.alpha)}; outcome ${proportionText(r.overlap.outcome_agreement)}`;
}

export function secondsText(r: RaterRow, team: RatersReport['team_median_seconds']): string {
  if (r.median_seconds.value === null) return '–';
  return `${fixed(r.median_seconds.value, 1)} s (n ${r.median_seconds.n}; team ${fixed(team.value, 1)} s)`;
}

export function leftText(r: RaterRow): string {
  if (r.left_choice.n === 0) return '–';
  return `${percent(r.left_choice.value)} of ${r.left_choice.n} (p ${r.left_choice.p < 0.001 ? r.left_choice.p.toExponential(1) : fixed(r.left_choice.p, 3)})`;
}

/** A flag in words, with the figure and the threshold it crossed. */
export function flagText(flag: Flag): string {
  switch (flag.code) {
    case 'low_agreement':
      return `low agreement: α ${fixed(flag.value)} < ${flag.threshold}`;
    case 'low_gold':
      return `gold pairs ${percent(flag.value)} < ${percent(flag.threshold)}`;
    case 'too_fast':
      return `fast: median ${fixed(flag.value, 1)} s < ${fixed(flag.threshold, 1)} s (half the team's)`;
    case 'side_bias':
      return `prefers one side: p ${flag.value.toExponential(1)} < ${flag.threshold}`;
    case 'straight_lining':
      return `straight-lining: variance ${fixed(flag.value)} < ${fixed(flag.threshold)}`;
  }
}
