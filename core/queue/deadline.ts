import type { Scheduler } from './scheduler';

/**
 * Runs one generation with a deadline; on expiry, or when `parent` aborts (the app closes), the
 * provider is told to stop through its signal.
 */
export async function withDeadline<T>(scheduler: Scheduler, label: string, ms: number, parent: AbortSignal, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let cancel = () => {};
  let stop = () => {};
  const deadline = new Promise<never>((_, reject) => {
    // Closing does not wait for a provider that ignores its signal.
    stop = () => {
      reject(new Error(`${label} was stopped because the app is closing.`));
      controller.abort();
    };
    parent.addEventListener('abort', stop);
    cancel = scheduler.after(ms, () => {
      // Reject first: the race must report the deadline, not the provider's reaction to the abort.
      reject(new Error(`${label} did not answer within ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}. Check the network or the provider's status; the queue retries with a growing pause.`));
      controller.abort();
    });
  });
  try {
    if (parent.aborted) stop();
    return await Promise.race([run(controller.signal), deadline]);
  } finally {
    cancel();
    parent.removeEventListener('abort', stop);
  }
}
