import { ApiError } from '../../api';

/**
 * Why a remote generation failed, so that the queue can choose what to do next: wait (`rate_limited`,
 * with `retryAfterMs`), fall back to another provider, or stop using this one until an admin acts
 * (`auth`, `payment`).
 */
export const PROVIDER_FAULTS = [
  'auth',
  'payment',
  'rate_limited',
  'server',
  'timeout',
  'unreachable',
  'rejected',
  'not_found',
  'failed',
  'refused',
  'malformed',
  'bad_output',
  'cancelled',
] as const;
export type ProviderFault = (typeof PROVIDER_FAULTS)[number];

/**
 * The error every remote adapter throws: an `ApiError('generation_failed', …)` (it crosses the
 * boundary as `{ code, message }` like any other) that also says which fault it was and, for a 429,
 * how long the provider asked us to wait (`Retry-After`, in ms; null when it gave no hint).
 */
export class ProviderError extends ApiError {
  readonly fault: ProviderFault;
  readonly retryAfterMs: number | null;

  constructor(fault: ProviderFault, message: string, retryAfterMs: number | null = null) {
    super('generation_failed', message);
    this.name = 'ProviderError';
    this.fault = fault;
    this.retryAfterMs = retryAfterMs;
  }
}

/** Replaces every secret (API key, password) in a text, so a provider echoing it cannot leak it. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

export const seconds = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`);

function looksLikeText(bytes: Buffer): boolean {
  return bytes.subarray(0, 256).every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b !== 127));
}

/** The provider's own words from an error body (`error`, `detail`, `message`, …), short, or null. */
export function providerWords(body: Buffer): string | null {
  if (body.length === 0 || !looksLikeText(body)) return null;
  const text = body.toString('utf8');
  try {
    const json = JSON.parse(text) as unknown;
    if (typeof json === 'string') return clip(json);
    if (typeof json === 'object' && json !== null) {
      const record = json as Record<string, unknown>;
      // FastAPI servers (AUTOMATIC1111) name the exception's class in `error` and say what went
      // wrong in `errors`: "RuntimeError" alone tells an admin nothing.
      const said = ['errors', 'detail', 'message'].map((key) => record[key]).find((v): v is string => typeof v === 'string' && v.trim() !== '');
      if (typeof record.error === 'string' && /^\w+(Error|Exception)$/.test(record.error) && said !== undefined) return clip(`${record.error}: ${said}`);
      for (const key of ['error', 'detail', 'message', 'title', 'errors']) {
        const value = record[key];
        if (typeof value === 'string' && value.trim()) return clip(value);
        if (typeof value === 'object' && value !== null) {
          const inner = (value as Record<string, unknown>).message;
          if (typeof inner === 'string' && inner.trim()) return clip(inner);
        }
      }
    }
  } catch {
    // Not JSON: an HTML error page or plain text; its first line is still worth showing.
  }
  return clip(text.replace(/<[^>]*>/g, ' '));
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}…` : flat;
}
