import type { RemoteContext } from './context';
import { ProviderError, seconds } from './errors';
import { pause } from './retry';

/**
 * Calls `check` every `intervalMs` until it returns a value, or fails with `timeout` when the next
 * pause would pass the context's deadline. `started` is when the job was created, for the message.
 */
export async function pollUntil<T>(ctx: RemoteContext, intervalMs: number, started: number, check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const result = await check();
    if (result !== undefined) return result;
    if (ctx.clock.now() + intervalMs >= ctx.deadlineAt) {
      throw new ProviderError(
        'timeout',
        `The ${ctx.provider} job did not finish within ${seconds(ctx.clock.now() - started)}; it was cancelled where ${ctx.provider} allows it. ${ctx.provider} may be busy: try again later, or allow generations more time.`,
      );
    }
    await pause(ctx, intervalMs);
  }
}
