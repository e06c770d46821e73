import type { RemoteContext } from './context';
import { ProviderError } from './errors';
import { cancelled } from './http';

export interface RetryPolicy {
  /** Tries of one call in all, the first included. */
  attempts: number;
  /** Pause before the second try; doubled for each further one, unless Retry-After says otherwise. */
  baseDelayMs: number;
  /** A Retry-After longer than this is not waited out here: the error goes to the queue with its hint. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 1000, maxWaitMs: 20_000 };

// A request that changes something (creating a paid job) is retried only when the provider said it
// did nothing (429); a 5xx or a lost connection may have created the job already, and a second try
// could pay twice. Reads are retried on those as well.
function retryable(error: unknown, idempotent: boolean): error is ProviderError {
  if (!(error instanceof ProviderError)) return false;
  if (error.fault === 'rate_limited') return true;
  return idempotent && (error.fault === 'server' || error.fault === 'timeout' || error.fault === 'unreachable');
}

/** Pauses on the injected clock; an abort becomes the `cancelled` error. */
export async function pause(ctx: RemoteContext, ms: number): Promise<void> {
  try {
    await ctx.clock.sleep(ms, ctx.signal);
  } catch {
    throw cancelled(ctx);
  }
}

/**
 * Runs `attempt` up to `policy.attempts` times with a doubling pause, honouring Retry-After, and
 * never past the context's deadline: a few tries inside one generation, never a storm.
 */
export async function withRetries<T>(ctx: RemoteContext, idempotent: boolean, attempt: () => Promise<T>): Promise<T> {
  const policy = ctx.retry;
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!retryable(error, idempotent) || tried >= policy.attempts) throw error;
      const wait = error.retryAfterMs ?? policy.baseDelayMs * 2 ** (tried - 1);
      if (wait > policy.maxWaitMs || ctx.clock.now() + wait >= ctx.deadlineAt) throw error;
      await pause(ctx, wait);
    }
  }
}
