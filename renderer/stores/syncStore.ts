import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, CallInput, CallOutput, SyncStatus } from '../../core/api';
import { errorText } from './errorText';

export type SyncConfigView = CallOutput<'sync.getConfig'>;
export type SyncTestResult = CallOutput<'sync.test'>;

export interface SyncStoreState {
  status: SyncStatus | null;
  config: SyncConfigView | null;
  test: SyncTestResult | null;
  busy: boolean;
  error: string | null;
}

export interface SyncActions {
  refresh(): Promise<void>;
  statusChanged(status: SyncStatus): void;
  syncNow(): Promise<void>;
  loadConfig(): Promise<void>;
  configure(input: CallInput<'sync.configure'>): Promise<boolean>;
  testConnection(): Promise<void>;
}

export type SyncStore = StoreApi<SyncStoreState & SyncActions>;

export function createSyncStore(api: ApiClient): SyncStore {
  return createStore<SyncStoreState & SyncActions>()((set) => {
    /** Runs one call with the busy flag; a failure lands in `error`, never thrown at the UI. */
    const busy = async <T>(run: () => Promise<T>): Promise<T | null> => {
      set({ busy: true, error: null });
      try {
        return await run();
      } catch (error) {
        set({ error: errorText(error) });
        return null;
      } finally {
        set({ busy: false });
      }
    };
    return {
      status: null,
      config: null,
      test: null,
      busy: false,
      error: null,
      refresh: async () => {
        try {
          set({ status: await api.call('sync.status', {}) });
        } catch (error) {
          set({ error: errorText(error) });
        }
      },
      statusChanged: (status) => set({ status }),
      syncNow: async () => {
        const result = await busy(() => api.call('sync.now', {}));
        if (result) set({ status: result.status });
      },
      loadConfig: async () => {
        const config = await busy(() => api.call('sync.getConfig', {}));
        if (config) set({ config, test: null });
      },
      configure: async (input) => {
        const config = await busy(() => api.call('sync.configure', input));
        if (config) set({ config });
        return config !== null;
      },
      testConnection: async () => {
        const test = await busy(() => api.call('sync.test', {}));
        if (test) set({ test });
      },
    };
  });
}

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** One line that is always visible: where the ratings are, and what to do when sync is stuck. */
export function syncText(status: SyncStatus | null): string {
  if (status === null) return 'Sync: …';
  const line = stateText(status);
  // Refused records and an unencrypted connection are for the admin; the line says so, never hides it.
  const refused = status.refused > 0 ? ` · ${status.refused} refused by the server, kept here for the admin` : '';
  const warning = status.connection_warning ? ` · ${status.connection_warning.message}` : '';
  return `${line}${refused}${warning}`;
}

function stateText(status: SyncStatus): string {
  // `pending` counts outbox records (ratings, undos, skips, pairs), not ratings alone.
  const pending = status.pending === 0 ? 'all saved on the server' : `${status.pending} records waiting to sync`;
  switch (status.state) {
    case 'not_configured':
      return `Sync: not set up · ${status.pending} records kept on this computer`;
    case 'syncing':
      return `Sync: syncing · ${pending}`;
    case 'idle':
      return `Sync: online · ${pending}${status.last_success_at ? ` · last ${time(status.last_success_at)}` : ''}`;
    case 'offline':
      return `Sync: offline · ${status.pending} records kept on this computer${status.next_attempt_at ? ` · retry ${time(status.next_attempt_at)}` : ''}`;
    case 'error':
      return `Sync: stopped · ${status.last_error?.message ?? 'error'} ${status.last_error?.action ?? ''}`.trim();
  }
}
