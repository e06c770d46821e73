import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, CallInput, CallOutput, PendingRecords, SyncStatus } from '../../core/api';
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

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The records not on the server yet, in the units a trainer counts: ratings, undos and skips. The
 * generated pairs ship with them and are named only when nothing else is waiting.
 */
export function pendingText(k: PendingRecords): string | null {
  const rated = [
    k.ratings > 0 ? counted(k.ratings, 'rating', 'ratings') : null,
    k.undos > 0 ? counted(k.undos, 'undo', 'undos') : null,
    k.skips > 0 ? counted(k.skips, 'skip', 'skips') : null,
  ].filter((part) => part !== null);
  if (rated.length > 0) return rated.join(', ');
  const rest = [k.pairs > 0 ? counted(k.pairs, 'generated pair', 'generated pairs') : null, k.other > 0 ? counted(k.other, 'other record', 'other records') : null];
  const parts = rest.filter((part) => part !== null);
  return parts.length > 0 ? parts.join(', ') : null;
}

function stateText(status: SyncStatus): string {
  const waiting = pendingText(status.pending_by_kind);
  const pending = waiting === null ? 'all saved on the server' : `${waiting} waiting to sync`;
  // Without a server the pairs generated ahead are no news: what matters is the ratings kept here.
  const rated = status.pending_by_kind.ratings + status.pending_by_kind.undos + status.pending_by_kind.skips;
  const kept = rated === 0 ? 'nothing rated yet' : `${pendingText(status.pending_by_kind)} kept on this computer only`;
  switch (status.state) {
    case 'not_configured':
      return `Sync: not set up · ${kept}`;
    case 'syncing':
      return `Sync: syncing · ${pending}`;
    case 'idle':
      return `Sync: online · ${pending}${status.last_success_at ? ` · last ${time(status.last_success_at)}` : ''}`;
    case 'offline':
      return `Sync: offline · ${waiting === null ? 'all saved on the server' : `${waiting} kept on this computer`}${status.next_attempt_at ? ` · retry ${time(status.next_attempt_at)}` : ''}`;
    case 'error':
      return `Sync: stopped · ${status.last_error?.message ?? 'error'} ${status.last_error?.action ?? ''}`.trim();
  }
}
