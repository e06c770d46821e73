const WINDOW_MS = 60_000;

/**
 * At most `perMinute` requests in any 60 s window. Providers state their limits per minute; a
 * sliding log (rather than a token bucket, whose refill lets up to twice the figure through in a
 * window that straddles a burst) keeps every window within the figure.
 */
export function createRateWindow(perMinute: number) {
  let limit = Math.max(1, Math.floor(perMinute));
  let sent: number[] = [];

  const forget = (nowMs: number) => {
    sent = sent.filter((t) => t > nowMs - WINDOW_MS);
  };

  return {
    /** Milliseconds until `count` more requests fit in the window; 0 when they fit now. */
    waitMs(nowMs: number, count = 1): number {
      forget(nowMs);
      if (count > limit) return Number.POSITIVE_INFINITY;
      const excess = sent.length + count - limit;
      if (excess <= 0) return 0;
      return sent[excess - 1]! + WINDOW_MS - nowMs;
    },
    /** A new limit keeps the requests already sent, so a change cannot let a burst through. */
    setLimit(next: number): void {
      limit = Math.max(1, Math.floor(next));
    },
    take(nowMs: number, count = 1): void {
      for (let i = 0; i < count; i++) sent.push(nowMs);
    },
  };
}
export type RateWindow = ReturnType<typeof createRateWindow>;
