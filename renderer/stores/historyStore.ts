import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, CallInput, CallOutput, Mode, ProviderId } from '../../core/api';
import { errorText } from './errorText';

// The History page: filters, the rated and skipped experiments they select, and the analytics.

export type History = CallOutput<'train.history'>;
export type HistoryEntry = History['experiments'][number];

export interface HistoryFilters {
  limit: number;
  minRating: number | null;
  api: ProviderId | null;
  mode: Mode | null;
}

export interface HistoryState {
  filters: HistoryFilters;
  history: History | null;
  loading: boolean;
  error: string | null;
}

export interface HistoryActions {
  setFilters(change: Partial<HistoryFilters>): Promise<void>;
  load(): Promise<void>;
}

export type HistoryStore = StoreApi<HistoryState & HistoryActions>;

export const DEFAULT_FILTERS: HistoryFilters = { limit: 50, minRating: null, api: null, mode: null };

/** train.history input for the filters; unset filters are left out rather than sent as null. */
export function historyInput(filters: HistoryFilters): CallInput<'train.history'> {
  const input: CallInput<'train.history'> = { limit: Math.min(500, Math.max(1, Math.round(filters.limit))) };
  if (filters.minRating !== null) input.min_rating = filters.minRating;
  if (filters.api !== null) input.api = filters.api;
  if (filters.mode !== null) input.mode = filters.mode;
  return input;
}

export function createHistoryStore(api: ApiClient): HistoryStore {
  let latest = 0;
  return createStore<HistoryState & HistoryActions>()((set, get) => ({
    filters: DEFAULT_FILTERS,
    history: null,
    loading: false,
    error: null,

    async setFilters(change) {
      set((s) => ({ filters: { ...s.filters, ...change } }));
      await get().load();
    },

    async load() {
      const ticket = ++latest;
      set({ loading: true, error: null });
      try {
        const history = await api.call('train.history', historyInput(get().filters));
        if (ticket === latest) set({ history, loading: false });
      } catch (error) {
        if (ticket === latest) set({ loading: false, error: errorText(error) });
      }
    },
  }));
}

export interface ChartPoint {
  x: number;
  y: number;
  value: number;
}

/** Places the trend's block means in a width×height box, rating 1 at the bottom and 5 at the top. */
export function trendPoints(trend: readonly number[], width: number, height: number, pad = 4): ChartPoint[] {
  const span = Math.max(1, trend.length - 1);
  return trend.map((value, i) => ({
    x: trend.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / span,
    y: pad + ((5 - Math.min(5, Math.max(1, value))) * (height - 2 * pad)) / 4,
    value,
  }));
}

/** The chart's accessible name carries the same numbers as the drawing. */
export function trendDescription(trend: readonly number[]): string {
  if (trend.length === 0) return 'Rating trend: not enough samples yet';
  return `Rating trend, mean of each block of 10 samples, oldest first: ${trend.map((v) => v.toFixed(1)).join(', ')}`;
}
