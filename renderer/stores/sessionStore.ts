import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, CallOutput, Mode, Settings } from '../../core/api';
import { errorText } from './errorText';

// Who rates, in which mode, with which providers: loaded once at start, changed by explicit actions.

export type AppInfo = CallOutput<'app.info'>;
export type Sample = CallOutput<'samples.list'>[number];

export interface SessionState {
  info: AppInfo | null;
  settings: Settings | null;
  samples: Sample[];
  loadError: string | null;
}

export interface SessionActions {
  load(): Promise<void>;
  setRater(raterId: string): Promise<void>;
  setMode(mode: Mode): Promise<void>;
}

export type SessionStore = StoreApi<SessionState & SessionActions>;

export function createSessionStore(api: ApiClient): SessionStore {
  return createStore<SessionState & SessionActions>()((set) => ({
    info: null,
    settings: null,
    samples: [],
    loadError: null,

    async load() {
      try {
        const [info, settings, samples] = await Promise.all([
          api.call('app.info', {}),
          api.call('settings.get', {}),
          api.call('samples.list', {}),
        ]);
        set({ info, settings, samples, loadError: null });
      } catch (error) {
        set({ loadError: errorText(error) });
      }
    },

    // Errors propagate: the rater dialog shows them next to the field.
    async setRater(raterId) {
      const settings = await api.call('settings.update', { rater_id: raterId.trim() });
      set({ settings });
    },

    async setMode(mode) {
      const settings = await api.call('settings.update', { mode });
      set({ settings });
    },
  }));
}

export const selectRaterId = (s: SessionState): string | null => s.settings?.rater_id ?? null;
export const selectMode = (s: SessionState): Mode => s.settings?.mode ?? 'structure';
export const selectNeedsRater = (s: SessionState): boolean => s.settings !== null && s.settings.rater_id === null;
export const selectShowParameters = (s: SessionState): boolean => s.settings?.show_parameters_to_trainers ?? false;

/** Notes of the enabled providers (e.g. that `local` is an offline stand-in), for the banner. */
// Returns the providers themselves (no copies) so a shallow comparison sees an unchanged list.
export function selectProviderNotes(s: SessionState): AppInfo['providers'] {
  if (s.info === null) return [];
  const enabled = s.settings?.enabled_providers;
  return s.info.providers.filter((p) => p.note.trim() !== '' && (enabled === undefined || enabled.includes(p.id)));
}

export function selectProviderLabel(s: SessionState, id: string): string {
  return s.info?.providers.find((p) => p.id === id)?.label ?? id;
}
