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
