import sharp from 'sharp';
import { ApiError, type Parameters, type ProviderId } from '../../core/api';
import type { GenerationProvider, GenerationRequest } from '../../core/generation';

export interface FakeRemoteOptions {
  label?: string;
  costUsd?: number;
  /** Answers each call: resolve to generate, throw to fail the way a remote API does. */
  behave?: (call: number, request: GenerationRequest) => Promise<void> | void;
  available?: () => boolean;
  /** Rounds guidance to an integer, as Leonardo does. */
  integerGuidance?: boolean;
}

/**
 * An in-process stand-in for a remote provider (remote: true): a small image whose colour follows
 * the seed, after whatever `behave` does. The HTTP adapters have their own loopback fake servers.
 */
export function fakeRemote(id: ProviderId, options: FakeRemoteOptions = {}) {
  const calls: GenerationRequest[] = [];
  const aborted: number[] = [];
  const provider: GenerationProvider = {
    id,
    label: options.label ?? `Fake ${id}`,
    note: 'test stand-in',
    remote: true,
    available: options.available ?? (() => true),
    async generate(request) {
      const call = calls.push(request);
      request.signal?.addEventListener('abort', () => aborted.push(call));
      await options.behave?.(call, request);
      if (request.signal?.aborted) throw new ApiError('generation_failed', 'aborted');
      const c = request.seed % 256;
      const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: c, g: (c * 7) % 256, b: (c * 13) % 256 } } }).png().toBuffer();
      return { bytes, latencyMs: 1, costUsd: options.costUsd ?? 0, details: { job_id: `job-${call}`, model: 'fake', request: { seed: request.seed } } };
    },
    effectiveParameters: (p: Parameters) => (options.integerGuidance ? { ...p, guidance_scale: Math.round(p.guidance_scale) } : p),
    testConnection: async () => ({ ok: true, message: 'Key accepted.', balance: '1234 tokens' }),
  };
  return { provider, calls, aborted };
}

/** An error like an HTTP 429 with Retry-After, as the adapters raise it. */
export function rateLimited(retryAfterMs: number): Error {
  return Object.assign(new ApiError('generation_failed', 'Rate limited (429): wait and try again.'), { retryAfterMs });
}
