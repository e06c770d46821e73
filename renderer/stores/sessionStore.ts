import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, CallOutput, Mode, SessionView, Settings } from '../../core/api';
import { errorText } from './errorText';

// Who rates, in which mode, with which providers: loaded once at start, changed by explicit actions.

export type AppInfo = CallOutput<'app.info'>;
export type Sample = CallOutput<'samples.list'>[number];

export interface SessionState {
  info: AppInfo | null;
  settings: Settings | null;
  samples: Sample[];
  loadError: string | null;
  /** Trainer or admin, as the service decides: the renderer only shows it. */
  access: SessionView | null;
}

export interface SessionActions {
  load(): Promise<void>;
  setRater(raterId: string): Promise<void>;
  setMode(mode: Mode): Promise<void>;
  /** Signs an admin in; a refusal propagates so the sign-in dialog can show it. */
  unlockAdmin(passphrase: string, login?: string): Promise<void>;
  /** Creates the first admin passphrase (and signs its creator in), or changes it. */
  setAdminPassphrase(passphrase: string): Promise<void>;
  lock(): Promise<void>;
  /** The service said the session changed (a sign-in elsewhere, an idle lock). */
  accessChanged(view: SessionView): void;
  refreshAccess(): Promise<void>;
}

export type SessionStore = StoreApi<SessionState & SessionActions>;

export function createSessionStore(api: ApiClient): SessionStore {
  return createStore<SessionState & SessionActions>()((set) => ({
    info: null,
    settings: null,
    samples: [],
    loadError: null,
    access: null,

    async load() {
      try {
        const [info, settings, samples, access] = await Promise.all([
          api.call('app.info', {}),
          api.call('settings.get', {}),
          api.call('samples.list', {}),
          api.call('session.status', {}),
        ]);
        set({ info, settings, samples, access, loadError: null });
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

    async unlockAdmin(passphrase, login) {
      const access = await api.call('session.unlockAdmin', login ? { passphrase, login } : { passphrase });
      set({ access });
    },

    async setAdminPassphrase(passphrase) {
      set({ access: await api.call('session.setAdminPassphrase', { passphrase }) });
    },

    async lock() {
      set({ access: await api.call('session.lock', {}) });
    },

    accessChanged: (access) => set({ access }),

    async refreshAccess() {
      try {
        set({ access: await api.call('session.status', {}) });
      } catch {
        // Kept as it was: the next call or event says again.
      }
    },
  }));
}

export const selectRaterId = (s: SessionState): string | null => s.settings?.rater_id ?? null;
export const selectMode = (s: SessionState): Mode => s.settings?.mode ?? 'structure';
export const selectNeedsRater = (s: SessionState): boolean => s.settings !== null && s.settings.rater_id === null;
export const selectIsAdmin = (s: SessionState): boolean => s.access?.role === 'admin';
/** Details (provider, parameters, prompt version) on the rating screen: only in an admin's own session, when turned on. */
export const selectShowParameters = (s: SessionState): boolean => selectIsAdmin(s) && (s.settings?.show_parameters_to_trainers ?? false);
export const selectShowPredictions = (s: SessionState): boolean => selectIsAdmin(s) && (s.settings?.show_predictions_to_trainers ?? false);

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
