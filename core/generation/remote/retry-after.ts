/**
 * Milliseconds to wait from a `Retry-After` header (RFC 9110 §10.2.3): either a number of seconds or
 * an HTTP date. Null when absent or unreadable; a date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/** Replicate words its throttle as "… resets in ~30s." in the body; used when no header came. */
export function retryAfterFromText(text: string): number | null {
  const match = /resets in ~?(\d+(?:\.\d+)?)\s*s/i.exec(text);
  return match ? Math.round(Number(match[1]) * 1000) : null;
}
