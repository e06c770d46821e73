import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, CallInput, Mode, ProviderView } from '../../core/api';
import { errorText } from './errorText';

export interface ProvidersState {
  providers: ProviderView[];
  busy: boolean;
  error: string | null;
  notice: string | null;
}

export interface ProvidersActions {
  load(): Promise<void>;
  update(input: CallInput<'providers.update'>): Promise<boolean>;
  test(id: ProviderView['id']): Promise<void>;
  buildPack(mode: Mode, size: number): Promise<void>;
}

export type ProvidersStore = StoreApi<ProvidersState & ProvidersActions>;

/** The Providers page's state: every provider's settings, limits, spend and last test. */
export function createProvidersStore(api: ApiClient): ProvidersStore {
  return createStore<ProvidersState & ProvidersActions>()((set) => {
    // Background loads and the admin's saves and tests answer out of order. The answer to an
    // admin's action is always shown; a load only if nothing asked for later is on screen, so a
    // late load never puts back settings just saved.
    let asked = 0;
    let shown = 0;
    const replace = (ticket: number, view: ProviderView) => {
      shown = Math.max(shown, ticket);
      set((s) => ({ providers: s.providers.map((p) => (p.id === view.id ? view : p)) }));
    };
    /** One call with the busy flag; a failure lands in `error`, never thrown at the UI. */
    async function run(work: () => Promise<string | null>): Promise<boolean> {
      set({ busy: true, error: null, notice: null });
      try {
        set({ notice: await work() });
        return true;
      } catch (error) {
        set({ error: errorText(error) });
        return false;
      } finally {
        set({ busy: false });
      }
    }
    return {
      providers: [],
      busy: false,
      error: null,
      notice: null,
      // A refresh, also in the background whenever the queue changes: it leaves the message of
      // the admin's last action (and the busy flag) alone, so a notice or an error stays readable.
      async load() {
        const ticket = ++asked;
        try {
          const providers = await api.call('providers.list', {});
          if (ticket > shown) {
            shown = ticket;
            set({ providers });
          }
        } catch (error) {
          set({ error: errorText(error) });
        }
      },
      update: (input) =>
        run(async () => {
          const ticket = ++asked;
          const view = await api.call('providers.update', input);
          replace(ticket, view);
          return `${view.label} saved.`;
        }),
      async test(id) {
        await run(async () => {
          const ticket = ++asked;
          const view = await api.call('providers.test', { id });
          replace(ticket, view);
          return null;
        });
      },
      async buildPack(mode, size) {
        await run(async () => {
          const pack = await api.call('providers.pack', { mode, size });
          return size === 0 ? 'Stopped building the offline pack.' : `Building a pack of ${pack.size} pairs for offline rating; ${pack.ready} ready so far.`;
        });
      },
    };
  });
}

/** What a provider's state means for the admin, and what to do about it. */
export function providerStateText(p: ProviderView): string {
  const until = p.until ? new Date(p.until).toLocaleTimeString() : null;
  if (!p.installed) return 'Not built into this workstation.';
  if (!p.enabled) return 'Off.';
  if (!p.available) return `Cannot generate: ${p.note}`;
  switch (p.state) {
    case 'at_cap':
      return `Stopped: today's budget is spent. It starts again at midnight UTC${until ? ` (${until})` : ''}, or raise the daily cap.`;
    case 'set_aside':
      return `Paused after failing${until ? ` until ${until}` : ''}: ${p.last_error ?? 'see the queue status'}. Other providers serve meanwhile.`;
    case 'rate_limited':
      return `Waiting for its request rate${until ? ` until ${until}` : ''}.`;
    case 'busy':
      return `All ${p.settings.concurrency} job slots in use.`;
    default:
      return p.active_jobs > 0 ? `Generating (${p.active_jobs} jobs).` : 'Ready.';
  }
}

/** The unit the provider bills in, for the price field's label. */
export function priceUnit(id: ProviderView['id']): string {
  if (id === 'leonardo') return 'USD per credit';
  if (id === 'stablediffusion') return 'USD per second of predict time';
  return 'USD per image';
}
