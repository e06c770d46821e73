import type { Clock } from './clock';

export interface TaskOptions {
  /** How long `soon()` waits, so a burst of calls makes one run. */
  delayMs: number;
  /** Asked when a `soon()` wait ends: false drops that run (what asked for it no longer holds). */
  stillDue?(): boolean;
  /** Called after each run, once it no longer counts as running (listeners asking see it ended). */
  settled?(): void;
  /** Where a run that throws is reported; the task goes on. */
  report(error: Error): void;
}

export interface Task {
  /** Runs after the delay; calls while a run is already waiting do not push it back. */
  soon(): void;
  /** Runs now, or once more right after the run in progress; resolves when that run has ended. */
  now(): Promise<void>;
  running(): boolean;
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

  return {
    soon(): void {
      if (closed || cancelWait) return;
      cancelWait = clock.after(options.delayMs, () => {
        cancelWait = null;
        if (!closed && (options.stillDue?.() ?? true)) void now();
      });
    },
    now,
    running: () => active,
    async close(): Promise<void> {
      closed = true;
      cancelWait?.();
      cancelWait = null;
      await current;
      await again;
    },
  };
}
