import type { RemoteContext } from './context';

const CLEANUP_TIMEOUT_MS = 10_000;

/**
 * The context for cancelling a job after an abort or a deadline: the caller's signal has already
 * fired and the deadline has passed, so the cancel gets its own short deadline and one try.
 */
export function cleanupContext(ctx: RemoteContext, timeoutMs = CLEANUP_TIMEOUT_MS): RemoteContext {
  return { ...ctx, signal: undefined, deadlineAt: ctx.clock.now() + timeoutMs, retry: { ...ctx.retry, attempts: 1 } };
}
