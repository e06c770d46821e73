import type { Clock } from './clock';

export interface TaskOptions {
  /** How long `soon()` waits when not told otherwise, so a burst of calls makes one run. */
  delayMs: number;
  /** Asked when a `soon()` wait ends: false drops that run (what asked for it no longer holds). */
  stillDue?(): boolean;
  /** Called after each run, once it no longer counts as running (listeners asking see it ended). */
  settled?(): void;
  /** Where a run that throws is reported; the task goes on. */
  report(error: Error): void;
}

export interface Task {
  /**
   * Runs after `delayMs` (the task's delay when omitted). A call while a run already waits never
   * pushes it back; one with a shorter wait brings it forward.
   */
  soon(delayMs?: number): void;
  /** Runs now, or once more right after the run in progress; resolves when that run has ended. */
  now(): Promise<void>;
  running(): boolean;
  /** When the waiting run is due, on the task's clock; null when none waits. */
  dueAt(): number | null;
  /** Drops the waiting run, if any; later requests are served as usual. */
  cancel(): void;
  /** Resolves once no run is in progress or queued behind it. */
  idle(): Promise<void>;
  /** Drops the waiting run, lets the one in progress end, and starts nothing more. */
  close(): Promise<void>;
}

/**
 * One piece of background work that never runs twice at once: a request during a run makes one
 * more run after it, however many requests came. Its only time is the injected clock.
 */
export function createTask(clock: Clock, run: () => void | Promise<void>, options: TaskOptions): Task {
  let current: Promise<void> | null = null;
  let again: Promise<void> | null = null;
  let cancelWait: (() => void) | null = null;
  let due: number | null = null;
  let closed = false;
  // Set before the run's first line, so the run (and whoever it tells) already sees itself running.
  let active = false;

  function start(): Promise<void> {
    active = true;
    current = (async () => {
      try {
        await run();
      } catch (error) {
        options.report(error as Error);
      }
    })().finally(() => {
      active = false;
      current = null;
      options.settled?.();
    });
    return current;
  }

  function now(): Promise<void> {
    if (closed) return Promise.resolve();
    // However many ask during a run, one more run follows it.
    if (again) return again;
    if (!current) return start();
    again = current.then(() => {
      again = null;
      return closed ? undefined : start();
    });
    return again;
  }

  function cancel(): void {
    cancelWait?.();
    cancelWait = null;
    due = null;
  }

  async function idle(): Promise<void> {
    while (current || again) await (again ?? current);
  }

  return {
    soon(delayMs = options.delayMs): void {
      if (closed) return;
      const at = clock.now() + delayMs;
      if (due !== null && due <= at) return;
      cancel();
      due = at;
      cancelWait = clock.after(delayMs, () => {
        cancelWait = null;
        due = null;
        if (!closed && (options.stillDue?.() ?? true)) void now();
      });
    },
    now,
    running: () => active,
    dueAt: () => due,
    cancel,
    idle,
    async close(): Promise<void> {
      closed = true;
      cancel();
      await idle();
    },
  };
}
