/** The queue's one source of time and timers; tests and the benchmark drive it with a simulated clock. */
export interface Scheduler {
  now(): number;
  after(ms: number, run: () => void): () => void;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};
