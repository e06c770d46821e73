import type { EventPayload, Mode } from '../api';
import type { RatingsChange, Store } from '../store';

/** One piece of the work a ratings change starts; `run` must not wait for anything slow. */
export interface AfterRatingsStep {
  name: string;
  /** Whether this change concerns the step at all (the sync poke skips the rows a pull brought). */
  when?(change: RatingsChange): boolean;
  run(change: RatingsChange): void;
}

export interface AfterRatingsDeps {
  store: Store;
  steps: AfterRatingsStep[];
  currentMode(): Mode;
  /** The contract's events, sent once each after every step has run. */
  statusChanged(payload: EventPayload<'statusChanged'>): void;
  queueChanged(): void;
  log(message: string): void;
  /** Told of each step that ran (tests count them; a benchmark could time them). */
  onStep?(name: string, change: RatingsChange): void;
}

/**
 * What a committed rating, undo, skip or pulled page starts, in one place: it listens to the store's
 * ratings signal (never to the contract's events, which go to the renderer), runs each step once,
 * and then tells the renderer once. A step that fails is logged and the rest still run: the change
 * is saved already.
 */
export function listenToRatings(deps: AfterRatingsDeps): () => void {
  return deps.store.onRatingsChanged((change) => {
    for (const step of deps.steps) {
      if (step.when && !step.when(change)) continue;
      try {
        step.run(change);
        deps.onStep?.(step.name, change);
      } catch (error) {
        deps.log(`${step.name} after a ratings change (${change.source}) failed: ${(error as Error).message}`);
      }
    }
    const mode = change.mode ?? deps.currentMode();
    deps.statusChanged({ mode, samples_collected: deps.store.ratings.samplesCollected(mode) });
    deps.queueChanged();
  });
}
