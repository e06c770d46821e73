const BASE_MS = 1000;
const MAX_MS = 5 * 60_000;

/**
 * How long a provider is set aside after failing: 1 s, 2 s, 4 s … up to five minutes; when the
 * provider said when to come back (Retry-After), exactly that, so its limit is honoured.
 */
export function setAsideMs(consecutiveFailures: number, retryAfterMs: number | null): number {
  if (retryAfterMs !== null) return Math.max(BASE_MS, retryAfterMs);
  return Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, consecutiveFailures - 1));
}
