import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type ProviderId } from '../../../core/api';
import { createLocalProvider, type GenerationProvider } from '../../../core/generation';
import type { Service } from '../../../core/service';
import { fakeRemote, rateLimited } from '../../helpers/fake-remote';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';
import { until } from '../../helpers/until';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

// The local enhancer stays unavailable until the test has enabled its providers, so the queue's
// first pairs are made by the providers under test.
let localOn = false;
const local: GenerationProvider = { ...createLocalProvider(), available: () => localOn };

async function start(providers: GenerationProvider[], enabled: ProviderId[], prepare?: (service: Service) => Promise<void>) {
  localOn = false;
  const dir = tempDir();
  const service: Service = await startService(dir.path, { providers: [local, ...providers], generationTimeoutMs: 30_000, });
  let closed = false;
  const close = service.close;
  service.close = async () => {
    if (!closed) await close();
    closed = true;
  };
  cleanup.push(dir.remove, () => service.close());
  await prepare?.(service);
  await service.call('settings.update', { enabled_providers: enabled });
  localOn = true;
  await service.call('settings.update', {});
  return service;
}

const providersOf = (service: Service) => service.store.forTests().prepare("SELECT provider, count(*) AS n FROM options o JOIN experiments e ON e.id = o.experiment_id WHERE e.status = 'ready' GROUP BY provider").all() as { provider: string; n: number }[];

describe('queue with remote providers', () => {
  it('sets aside a provider that keeps failing and serves the trainer from another, without a storm of retries', async () => {
    const broken = fakeRemote('leonardo', { behave: () => Promise.reject(new ApiError('generation_failed', 'Leonardo answered 500: try again later.')) });
    const working = fakeRemote('stablediffusion');
    const service = await start([broken.provider, working.provider], ['leonardo', 'stablediffusion']);
    await until('three ready pairs', async () => (await service.call('queue.state', {})).ready >= 3, 30_000);
    const state = await service.call('queue.state', {});
    expect(state.held).toContainEqual(expect.objectContaining({ provider: 'leonardo', reason: 'set_aside' }));
    expect(providersOf(service).map((p) => p.provider)).toEqual(['stablediffusion']);
    // One probe at a time after the first failure, with a growing pause: a handful of calls, not dozens.
    expect(broken.calls.length).toBeLessThanOrEqual(4);
    const view = (await service.call('providers.list', {})).find((p) => p.id === 'leonardo')!;
    expect(view.state).toBe('set_aside');
    expect(view.last_error).toMatch(/Leonardo answered 500/);
  });

  it('honours Retry-After: the provider is not asked again before it, and the local enhancer serves meanwhile', async () => {
    const limited = fakeRemote('leonardo', { behave: () => Promise.reject(rateLimited(600_000)) });
    const service = await start([limited.provider], ['leonardo'], async (s) => void (await s.call('settings.update', { prefetch: 1 })));
    await until('the 429', async () => (await service.call('queue.state', {})).held.length > 0, 10_000);
    await service.call('providers.update', { id: 'local', enabled: true });
    await until('a pair made by the local enhancer', async () => (providersOf(service).find((p) => p.provider === 'local')?.n ?? 0) >= 2, 60_000);
    const held = (await service.call('queue.state', {})).held.find((h) => h.provider === 'leonardo');
    expect(held?.reason).toBe('set_aside');
    expect(Date.parse(held!.until!) - Date.now()).toBeGreaterThan(500_000);
    // Its first pair asked for two images at once; none after the 429.
    expect(limited.calls.length).toBeLessThanOrEqual(2);
  });

  it('stops a provider at its daily cap, says so, and counts the money spent', async () => {
    const paid = fakeRemote('leonardo', { costUsd: 0.5 });
    const service = await start([paid.provider], ['leonardo'], async (s) => void (await s.call('providers.update', { id: 'leonardo', settings: { daily_cap_usd: 1 } })));
    await until('the cap reached', async () => (await service.call('queue.state', {})).held.some((h) => h.provider === 'leonardo' && h.reason === 'at_cap'), 30_000);
    const view = (await service.call('providers.list', {})).find((p) => p.id === 'leonardo')!;
    expect(view.state).toBe('at_cap');
    expect(view.spent_today_usd).toBeCloseTo(1, 9);
    expect(paid.calls.length).toBe(2);
    // The trainer still gets pairs once another provider is enabled.
    await service.call('providers.update', { id: 'local', enabled: true });
    await until('a pair from the local enhancer', async () => (providersOf(service).find((p) => p.provider === 'local')?.n ?? 0) >= 2, 60_000);
    expect(paid.calls.length).toBe(2);
  });

  it('records the parameters the provider really uses, so the optimizer learns integer guidance', async () => {
    const leonardo = fakeRemote('leonardo', { integerGuidance: true });
    const service = await start([leonardo.provider], ['leonardo']);
    const { experiment } = await service.call('queue.next', { wait_ms: 30_000 });
    for (const option of experiment!.options) expect(Number.isInteger(option.parameters.guidance_scale)).toBe(true);
    for (const request of leonardo.calls) expect(Number.isInteger(request.parameters.guidance_scale)).toBe(true);
  });

  it('aborts remote jobs when the app closes', async () => {
    const hanging = fakeRemote('leonardo', { behave: (_, request) => new Promise((resolve) => request.signal?.addEventListener('abort', () => resolve())) });
    const service = await start([hanging.provider], ['leonardo']);
    await until('a remote job running', async () => hanging.calls.length > 0, 10_000);
    await service.close();
    expect(hanging.aborted.length).toBe(hanging.calls.length);
  });
});
