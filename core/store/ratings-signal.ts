import type { Mode } from '../api';

/** What changed the ratings: this workstation's rating, undo or skip, or rows a pull brought. */
export type RatingsChangeSource = 'rating' | 'undo' | 'skip' | 'pull';

export interface RatingsChange {
  /** `ratings.revision()` right after the commit: the learners' cache key. */
  revision: string;
  source: RatingsChangeSource;
  /** The mode of the pair that was rated, undone or skipped; null for a pull (it may span both). */
  mode: Mode | null;
}

export type RatingsListener = (change: RatingsChange) => void;

/**
 * The one internal signal for "the ratings changed", raised by the store after the transaction
 * commits, so a listener never sees a change that could still roll back. It is not the contract's
 * event emitter: what the renderer is told is decided by the listeners once their work is done. A
 * listener that throws is reported and the others still run: the change is saved already, and the
 * call that made it must not fail for it.
 */
export function createRatingsSignal(report: (message: string) => void) {
  const listeners = new Set<RatingsListener>();
  return {
    listen(listener: RatingsListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    raise(change: RatingsChange): void {
      for (const listener of [...listeners]) {
        try {
          listener(change);
        } catch (error) {
          report(`work after a ratings change (${change.source}) failed: ${(error as Error).message}`);
        }
      }
    },
  };
}
export type RatingsSignal = ReturnType<typeof createRatingsSignal>;
