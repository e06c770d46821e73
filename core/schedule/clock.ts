/**
 * Time and timers for everything that runs later (queue refills, retraining, retries). Injected, so
 * tests and benchmarks drive a simulated clock instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `run` once after `ms`; the returned function cancels it if it has not run yet. */
  after(ms: number, run: () => void): () => void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

/**
 * The real clock for a host's background retries: a waiting retry never keeps the process alive on
 * its own, so a command-line run ends when its work does.
 */
export const detachedClock: Clock = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
