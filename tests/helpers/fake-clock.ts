import type { Clock } from '../../core/generation';

interface Pending {
  due: number;
  kind: 'sleep' | 'timer';
  fire(): void;
}

export type FakeClock = ReturnType<typeof createFakeClock>;

/**
 * Virtual time for the remote adapters and the fake servers. `advance` moves it by hand (a test
 * does that to pass a deadline); `drive` settles a promise by jumping from one pending sleep to the
 * next, so polls and retries take no real time, while deadlines (`timer`) only fire when a jump or
 * `advance` passes them.
 */
export function createFakeClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
  let now = start;
  const pending = new Set<Pending>();
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const wake of [...listeners]) wake();
  };

  const clock: Clock = {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const entry: Pending = {
          due: now + Math.max(0, ms),
          kind: 'sleep',
          fire: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          pending.delete(entry);
          reject(signal!.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.add(entry);
        notify();
      });
    },
    timer(ms, fire) {
      const entry: Pending = { due: now + Math.max(0, ms), kind: 'timer', fire };
      pending.add(entry);
      notify();
      return () => pending.delete(entry);
    },
  };

  function earliest(kind?: Pending['kind']): Pending | undefined {
    let best: Pending | undefined;
    for (const entry of pending) if ((!kind || entry.kind === kind) && (!best || entry.due < best.due)) best = entry;
    return best;
  }

  function advanceTo(target: number): void {
    for (;;) {
      const next = earliest();
      if (!next || next.due > target) break;
      pending.delete(next);
      now = Math.max(now, next.due);
      next.fire();
    }
    now = Math.max(now, target);
  }

  return {
    ...clock,
    /** The same deadlines, in the shape `core/schedule`'s clock has: the fake drives scheduled tasks too. */
    after: (ms: number, fire: () => void) => clock.timer(ms, fire),
    advance: (ms: number) => advanceTo(now + ms),
    /** Sleeps (not deadlines) waiting right now. */
    sleeping: () => [...pending].filter((p) => p.kind === 'sleep').length,
    async drive<T>(promise: Promise<T>): Promise<T> {
      let settled = false;
      const done = promise.then(
        () => void (settled = true),
        () => void (settled = true),
      );
      while (!settled) {
        const sleeper = earliest('sleep');
        if (sleeper) {
          advanceTo(sleeper.due);
          await new Promise((r) => setImmediate(r));
          continue;
        }
        await new Promise<void>((resolve) => {
          const wake = () => {
            listeners.delete(wake);
            resolve();
          };
          listeners.add(wake);
          void done.then(wake);
        });
      }
      return promise;
    },
  };
}
