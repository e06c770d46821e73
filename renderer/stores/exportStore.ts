import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, ExportStatus } from '../../core/api';
import { busyCaller } from './busyCaller';
import { errorText } from './errorText';
import { DEFAULT_DRAFT, requestFromDraft, type ExportDraft } from './exportForm';

// The Export page (admins): the form, the running export's progress, and the last export's
// outcome. Side effects only through the client.

export interface ExportState {
  status: ExportStatus | null;
  draft: ExportDraft;
  busy: boolean;
  /** The last failed action's message (the form's, or the host's as it wrote it). */
  error: string | null;
  /** A short confirmation of the last action, for the live region. */
  notice: string | null;
}

export interface ExportActions {
  load(): Promise<void>;
  edit(patch: Partial<ExportDraft>): void;
  start(): Promise<boolean>;
  cancel(): Promise<void>;
  showInFolder(): Promise<void>;
  /** An `exportProgress` event. */
  statusChanged(status: ExportStatus): void;
}

export type ExportStore = StoreApi<ExportState & ExportActions>;

export function createExportStore(api: ApiClient): ExportStore {
  return createStore<ExportState & ExportActions>()((set, get) => {
    // Statuses arrive as answers (load, start, cancel) and as events, and a start's answer can
    // arrive after the event that says the export already ended. The service numbers every
    // change, so the newest status stays on screen whichever way it came.
    const show = (status: ExportStatus) => {
      const current = get().status;
      if (current === null || status.revision >= current.revision) set({ status });
    };
    const run = busyCaller(set);
    return {
      status: null,
      draft: DEFAULT_DRAFT,
      busy: false,
      error: null,
      notice: null,
      load: async () => {
        try {
          show(await api.call('export.status', {}));
        } catch (error) {
          set({ error: errorText(error) });
        }
      },
      edit: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
      start: async () => {
        const made = requestFromDraft(get().draft);
        if ('problems' in made) {
          set({ error: made.problems.join(' '), notice: null });
          return false;
        }
        const status = await run(() => api.call('export.start', made.request));
        if (status) {
          show(status);
          const from = made.request.source === 'server' ? " from the studio server (the whole team's ratings)" : '';
          set({ notice: `Export started: writing ${made.request.out}${from}.` });
        }
        return status !== null;
      },
      cancel: async () => {
        const status = await run(() => api.call('export.cancel', {}));
        if (status) {
          show(status);
          set({ notice: 'Cancelling: the partial dataset is removed.' });
        }
      },
      showInFolder: async () => {
        const shown = await run(() => api.call('export.showInFolder', {}));
        if (shown) {
          set({
            notice: shown.shown
              ? 'Opened the dataset folder in the file manager.'
              : 'This browser cannot open folders on this computer: copy the path and open it in your file manager.',
          });
        }
      },
      statusChanged: (status) => show(status),
    };
  });
}
