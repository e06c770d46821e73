import { afterEach, describe, expect, it } from 'vitest';
import { createLocalProvider, type GenerationProvider } from '../../../core/generation';
import type { Service } from '../../../core/service';
import { fakeRemote } from '../../helpers/fake-remote';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';
import { until } from '../../helpers/until';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

describe('offline pack', () => {
  it('builds a pack of pairs within the provider\'s limits, each proposed with the others pending, then returns to the usual prefetch', async () => {
    let release: () => void = () => {};
    let gate = new Promise<void>((r) => (release = r));
    const remote = fakeRemote('leonardo', { behave: () => gate });
    const local: GenerationProvider = { ...createLocalProvider(), available: () => false };
    const dir = tempDir();
    const service: Service = await startService(dir.path, { providers: [local, remote.provider] });
    cleanup.push(dir.remove, () => service.close());
    await service.call('providers.update', { id: 'leonardo', settings: { concurrency: 4 } });
    await service.call('settings.update', { prefetch: 1, enabled_providers: ['leonardo'] });

    const pack = await service.call('providers.pack', { mode: 'structure', size: 8 });
    expect(pack.size).toBe(8);
    // Two pairs (four jobs) at a time: the concurrency limit holds while the pack is built.
    let state = await service.call('queue.state', {});
    expect(state.pack).toEqual({ size: 8, ready: 0, generating: 2 });
    expect(remote.calls.length).toBe(4);
    const opened = () => {
      release();
      gate = new Promise<void>((r) => (release = r));
    };
    await until('the pack built', async () => {
      opened();
      return (await service.call('queue.state', {})).ready >= 8;
    }, 60_000);
    state = await service.call('queue.state', {});
    expect(state.pack).toBeNull();
    expect(state.ready).toBe(8);
    // Pending points pushed every proposal elsewhere: sixteen different settings.
    const points = service.store.experiments.pendingOptions('structure').map((o) => JSON.stringify(o.parameters));
    expect(new Set(points).size).toBe(16);
    // The pack is done: rating does not refill it, only the usual single pair is kept.
    expect(state.target).toBe(1);
  });

  it('a size of 0 stops building', async () => {
    const remote = fakeRemote('leonardo', { behave: () => new Promise(() => {}) });
    const dir = tempDir();
    const service: Service = await startService(dir.path, { providers: [{ ...createLocalProvider(), available: () => false }, remote.provider], generationTimeoutMs: 60_000 });
    cleanup.push(dir.remove, () => service.close());
    await service.call('settings.update', { enabled_providers: ['leonardo'] });
    await service.call('providers.pack', { mode: 'structure', size: 50 });
    expect((await service.call('queue.state', {})).pack?.size).toBe(50);
    await service.call('providers.pack', { mode: 'structure', size: 0 });
    expect((await service.call('queue.state', {})).pack).toBeNull();
  });
});
