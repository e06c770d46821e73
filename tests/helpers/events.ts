import type { EventName } from '../../core/api';

interface Subscribes {
  subscribe(name: EventName, listener: (payload: unknown) => void): () => void;
}

/** Something that says when it happened: subscribing returns the way to unsubscribe. */
export type Signal = (listener: () => void) => () => void;

/** A signal a test fires itself, from a callback the service was given. */
export function createSignal(): Signal & { fire(): void } {
  const listeners = new Set<() => void>();
  const signal = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return Object.assign(signal, { fire: () => [...listeners].forEach((listener) => listener()) });
}

/**
 * Resolves with the first truthy answer of `check`, asked now and again after each of `signals`.
 * There is no clock here: a machine under load only makes the wait longer, and the test's own
 * timeout bounds it. The service sends each event once its work is in effect, so a check asked
 * from inside the event sees it. Checks never overlap; a signal during a check asks once more after it.
 */
export function whenSignalled<T>(signals: Signal[], check: () => Promise<T | null | undefined | false> | T | null | undefined | false): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let checking = false;
    let again = false;
    let done = false;
    const unsubscribe = signals.map((signal) => signal(() => void ask()));
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

/** A service's contract events as signals. */
export const eventsOf = (service: Subscribes, events: EventName[]): Signal[] => events.map((name) => (listener) => service.subscribe(name, listener));

/** `whenSignalled` on the service's contract events. */
export function whenEvents<T>(service: Subscribes, events: EventName[], check: () => Promise<T | null | undefined | false> | T | null | undefined | false): Promise<T> {
  return whenSignalled(eventsOf(service, events), check);
}
