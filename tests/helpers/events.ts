import type { EventName } from '../../core/api';

interface Subscribes {
  subscribe(name: EventName, listener: (payload: unknown) => void): () => void;
}

/**
 * Resolves with the first truthy answer of `check`, asked now and again after each of `events` the
 * service emits. There is no clock here: a machine under load only makes the wait longer, and the
 * test's own timeout bounds it. The service sends each event once its work is in effect, so a check
 * asked from inside the event sees it. Checks never overlap; an event during a check asks once more
 * after it.
 */
export function whenEvents<T>(service: Subscribes, events: EventName[], check: () => Promise<T | null | undefined | false> | T | null | undefined | false): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let checking = false;
    let again = false;
    let done = false;
    const unsubscribe = events.map((name) => service.subscribe(name, () => void ask()));
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
