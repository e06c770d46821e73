import type { EventName } from '../../core/api';

interface Subscribes {
  subscribe(name: EventName, listener: (payload: unknown) => void): () => void;
}

/**
 * Resolves with the first truthy answer of `check`, asked now and again after each of `events` the
 * service emits. There is no clock here: a machine under load only makes the wait longer, and the
 * test's own timeout bounds it. Each check waits for the turn of the event loop after its event, so
 * the code that emitted it has finished (an evolution says "finished" just before it stops counting
 * as running). Checks never overlap; an event during a check asks once more after it.
 */
export function whenEvents<T>(service: Subscribes, events: EventName[], check: () => Promise<T | null | undefined | false> | T | null | undefined | false): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let checking = false;
    let again = false;
    let done = false;
    const unsubscribe = events.map((name) => service.subscribe(name, () => setImmediate(() => void ask())));
    const finish = (settle: () => void) => {
      done = true;
      for (const stop of unsubscribe) stop();
      settle();
    };
    async function ask(): Promise<void> {
      if (done) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          const value = await check();
          if (value) return finish(() => resolve(value));
        } while (again);
      } catch (error) {
        finish(() => reject(error));
      } finally {
        checking = false;
      }
    }
    void ask();
  });
}
