import { systemClock, type Clock } from './clock';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';

/** Everything one call to a remote provider needs besides its own request. */
export interface RemoteContext {
  /** The provider's name as people know it ("Leonardo"), used in every message. */
  provider: string;
  fetch: typeof globalThis.fetch;
  clock: Clock;
  /** The caller's abort (the queue's deadline, closing the app). */
  signal?: AbortSignal;
  /** Strings that must never appear in a message or a stored detail: the key, a password. */
  secrets: readonly string[];
  /** Longest wait for one HTTP exchange, headers and body. */
  requestTimeoutMs: number;
  /** Clock time by which the whole generation must be over; waits and retries never pass it. */
  deadlineAt: number;
  retry: RetryPolicy;
}

/** What every remote adapter's config shares; all optional, with the defaults below. */
export interface RemoteOptions {
  /** Injected for tests and the benchmark; globalThis.fetch otherwise. */
  fetch?: typeof globalThis.fetch;
  clock?: Clock;
  /** Longest a whole generation may take, upload to download. */
  timeoutMs?: number;
  /** Longest one HTTP exchange may take. */
  requestTimeoutMs?: number;
  /** Pause between two status polls. */
  pollIntervalMs?: number;
  retry?: RetryPolicy;
}

/** What a host may tune on a studio's own diffusion server (ComfyUI, AUTOMATIC1111); each adapter has defaults. */
export interface DiffusionServerOptions {
  /** Multiplies the canonical ControlNet weight into the server's own scale. */
  controlnetScale?: number;
  /** Longest side of the render sent, in pixels. */
  maxSide?: number;
  steps?: number;
  sampler?: string;
}

export const REMOTE_DEFAULTS = { timeoutMs: 170_000, requestTimeoutMs: 30_000, pollIntervalMs: 3000 } as const;

export function openContext(provider: string, options: RemoteOptions, secrets: readonly (string | null)[], signal?: AbortSignal): RemoteContext {
  const clock = options.clock ?? systemClock;
  return {
    provider,
    fetch: options.fetch ?? globalThis.fetch,
    clock,
    signal,
    secrets: secrets.filter((s): s is string => typeof s === 'string' && s.length > 0),
    requestTimeoutMs: options.requestTimeoutMs ?? REMOTE_DEFAULTS.requestTimeoutMs,
    deadlineAt: clock.now() + (options.timeoutMs ?? REMOTE_DEFAULTS.timeoutMs),
    retry: options.retry ?? DEFAULT_RETRY,
  };
}
