import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../core/api';
import { createLocalProvider, type GenerationProvider } from '../../core/generation';
import type { Service } from '../../core/service';
import { startService } from '../helpers/service';
import { tempDir } from '../helpers/temp';

// Remote providers (Leonardo, Replicate) cannot be reached from here; these stand-ins implement the
// same provider interface and fail the ways remote APIs do, around the real local enhancer.
const dirs: { remove(): void }[] = [];
const services: Service[] = [];
afterEach(async () => {
  while (services.length) await services.pop()!.close();
});
afterAll(() => dirs.forEach((d) => d.remove()));

async function serviceWith(provider: GenerationProvider, generationTimeoutMs = 60_000) {
  const dir = tempDir();
  dirs.push(dir);
  const service = await startService(dir.path, { providers: [provider], generationTimeoutMs });
  services.push(service);
  return service;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('provider faults', () => {
  it('abandons a generation that hangs, says why, and does not retry in a storm', async () => {
    const aborted: boolean[] = [];
    const hanging: GenerationProvider = {
      ...createLocalProvider(),
      id: 'local',
      label: 'Hanging provider',
      note: 'never answers',
      available: () => true,
      generate: ({ signal }) =>
        new Promise((_, reject) => signal?.addEventListener('abort', () => (aborted.push(true), reject(new Error('aborted'))))),
    };
    const service = await serviceWith(hanging, 300);
    const { experiment, queue } = await service.call('queue.next', { wait_ms: 1500 });
    expect(experiment).toBeNull();
    expect(queue.failed).toBeGreaterThanOrEqual(1);
    expect(queue.last_error).toMatch(/Hanging provider did not answer within 300 ms\. Check the network/);
    expect(aborted.length).toBeGreaterThanOrEqual(1);
    await sleep(1500);
    // Three pairs were asked for at start; after that the backoff (1 s, 2 s, …) allows one retry at a time.
    expect(service.store.experiments.total()).toBeLessThanOrEqual(5);
  });

  it('shows the provider\'s own error, then recovers when the provider does', async () => {
    const local = createLocalProvider();
    let failures = 2;
    const flaky: GenerationProvider = {
      ...local,
      id: 'local',
      label: local.label,
      note: local.note,
      available: () => true,
      generate: async (request) => {
        if (failures-- > 0) throw new ApiError('generation_failed', 'The API key was refused (401). Check the key in settings.');
        return local.generate(request);
      },
    };
    const service = await serviceWith(flaky);
    // The first failure is shown as soon as it happened (waited for, not timed: a loaded machine is slower).
    await expect.poll(async () => (await service.call('queue.state', {})).last_error ?? '', { timeout: 10_000 }).toMatch(/API key was refused \(401\)/);
    const { experiment } = await service.call('queue.next', { wait_ms: 20_000 });
    expect(experiment?.status).toBe('ready');
    expect((await service.call('queue.state', {})).last_error).toBeNull();
  });
});
