export interface BackoffOptions {
  /** Delay before the first retry; defaults to 2 s. */
  baseMs?: number;
  /** Longest wait between attempts; defaults to 5 minutes. */
  maxMs?: number;
}

/**
 * Exponential backoff with "equal jitter": the delay doubles per failed attempt up to a cap, and a
 * random half of it is drawn so that a studio of workstations that lost the network together do not
 * all come back in the same second. `random` is injected (a value in [0, 1)) so tests replay it.
 */
export function backoffDelay(failures: number, random: () => number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 2_000;
  const max = options.maxMs ?? 300_000;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
