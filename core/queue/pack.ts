import type { ExperimentStatus, Mode, QueueState } from '../api';
import type { Store, StoredSettings } from '../store';

const KEY = 'offline_pack';

type PackRequest = NonNullable<StoredSettings[typeof KEY]>;

/**
 * A pack of pairs generated ahead for rating offline: while it is being built the queue keeps `size`
 * pairs instead of its usual few. It is kept in settings, so a restart goes on building it, and ends
 * once that many pairs are ready. Its pairs are proposed one after the other with every queued pair
 * counted as pending, so they spread over the space, but none learns from ratings made inside the pack.
 */
export function createPack(store: Store) {
  const current = (): PackRequest | null => store.settings.get(KEY) ?? null;
  const clear = () => store.settings.set(KEY, null);

  return {
    request(mode: Mode, size: number, counts: Record<ExperimentStatus, number>): void {
      if (size <= 0 || counts.ready >= size) clear();
      else store.settings.set(KEY, { mode, size });
    },
    /** Pairs the pack asks the queue to hold in `mode`; 0 when none is being built. */
    wanted(mode: Mode): number {
      const pack = current();
      return pack?.mode === mode ? pack.size : 0;
    },
    settle(mode: Mode, counts: Record<ExperimentStatus, number>): void {
      const pack = current();
      if (pack?.mode === mode && counts.ready >= pack.size) clear();
    },
    view(mode: Mode, counts: Record<ExperimentStatus, number>): QueueState['pack'] {
      const pack = current();
      if (pack?.mode !== mode) return null;
      return { size: pack.size, ready: Math.min(counts.ready, pack.size), generating: counts.generating };
    },
  };
}
