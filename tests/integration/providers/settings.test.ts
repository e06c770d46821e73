import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalProvider, type ProviderConfig } from '../../../core/generation';
import { createMemorySecretStore, type Service } from '../../../core/service';
import { fakeRemote } from '../../helpers/fake-remote';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function start() {
  const dir = tempDir();
  const secrets = createMemorySecretStore();
  const logged: string[] = [];
  const leonardo = fakeRemote('leonardo', { available: () => secrets.get('provider_key:leonardo') !== null });
  const service: Service = await startService(dir.path, { secrets, providers: [createLocalProvider(), leonardo.provider], log: (m) => logged.push(m) });
  cleanup.push(dir.remove, () => service.close());
  return { dir, secrets, logged, service };
}

describe('provider settings', () => {
  it('starts from Leonardo\'s published limits and lists every provider', async () => {
    const { service } = await start();
    const list = await service.call('providers.list', {});
    const leonardo = list.find((p) => p.id === 'leonardo')!;
    expect(leonardo).toMatchObject({ installed: true, enabled: false, has_key: false, available: false, state: 'ready', spent_today_usd: 0 });
    expect(leonardo.settings).toMatchObject({ base_url: 'https://cloud.leonardo.ai/api/rest/v1', concurrency: 10, requests_per_minute: 100, daily_cap_usd: null });
    expect(list.find((p) => p.id === 'stablediffusion')).toMatchObject({ installed: false, enabled: false });
  });

  it('keeps the key in the secret store, never in SQLite or the log, and says only that one is stored', async () => {
    const { dir, secrets, logged, service } = await start();
    const view = await service.call('providers.update', { id: 'leonardo', enabled: true, api_key: 'leo-Secret-789', settings: { daily_cap_usd: 5 } });
    expect(view).toMatchObject({ enabled: true, has_key: true, available: true });
    expect(JSON.stringify(view)).not.toContain('leo-Secret-789');
    expect(secrets.get('provider_key:leonardo')).toBe('leo-Secret-789');
    await service.call('providers.test', { id: 'leonardo' });
    await service.call('queue.next', { wait_ms: 20_000 });
    service.store.forTests().pragma('wal_checkpoint(TRUNCATE)');
    const database = readFileSync(join(dir.path, 'latina.sqlite')).toString('latin1');
    expect(database).toContain('cloud.leonardo.ai');
    expect(database).not.toContain('leo-Secret-789');
    expect(logged.join('\n')).not.toContain('leo-Secret-789');
    expect(JSON.stringify(await service.call('settings.get', {}))).not.toContain('leo-Secret-789');
  });

  it('refuses plain http off this machine and secrets in the address; allows http on loopback', async () => {
    const { service } = await start();
    await expect(service.call('providers.update', { id: 'leonardo', settings: { base_url: 'http://api.example.com/v1' } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/use https:\/\/ for api\.example\.com/),
    });
    await expect(service.call('providers.update', { id: 'leonardo', settings: { base_url: 'https://api.example.com/v1?key=abc' } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/remove "key" from the address/),
    });
    await expect(service.call('settings.update', { providers: { ...(await service.call('settings.get', {})).providers, leonardo: { ...(await service.call('settings.get', {})).providers.leonardo, base_url: 'http://10.0.0.5:8188' } } })).rejects.toMatchObject({ code: 'invalid_input' });
    const loopback = await service.call('providers.update', { id: 'leonardo', settings: { base_url: 'http://127.0.0.1:8188' } });
    expect(loopback.settings.base_url).toBe('http://127.0.0.1:8188');
  });

  it('keeps a setting that an update names with an undefined value (the desktop shell\'s IPC keeps such keys)', async () => {
    const { service } = await start();
    const view = await service.call('providers.update', { id: 'leonardo', settings: { requests_per_minute: undefined, concurrency: 4 } });
    expect(view.settings).toMatchObject({ requests_per_minute: 100, concurrency: 4 });
  });

  it('drops the stored key when the host changes, unless a key is entered with it; keeps it for a new path on the same host', async () => {
    const { secrets, service } = await start();
    await service.call('providers.update', { id: 'leonardo', api_key: 'k1' });
    expect((await service.call('providers.update', { id: 'leonardo', settings: { base_url: 'https://cloud.leonardo.ai/api/rest/v2' } })).has_key).toBe(true);
    expect((await service.call('providers.update', { id: 'leonardo', settings: { base_url: 'https://leonardo.example.com/api' } })).has_key).toBe(false);
    expect(secrets.get('provider_key:leonardo')).toBeNull();
    const moved = await service.call('providers.update', { id: 'leonardo', settings: { base_url: 'https://cloud.leonardo.ai/api/rest/v1' }, api_key: 'k2' });
    expect(moved.has_key).toBe(true);
    expect(secrets.get('provider_key:leonardo')).toBe('k2');
    // A port is part of the host a key was given for.
    expect((await service.call('providers.update', { id: 'leonardo', settings: { base_url: 'https://cloud.leonardo.ai:8443/api/rest/v1' } })).has_key).toBe(false);
    await service.call('providers.update', { id: 'leonardo', api_key: 'k3' });
    expect((await service.call('providers.update', { id: 'leonardo', api_key: null })).has_key).toBe(false);
  });

  it('reports Test connection with the balance, and refuses to turn off the last provider', async () => {
    const { service } = await start();
    const tested = await service.call('providers.test', { id: 'leonardo' });
    expect(tested.test).toMatchObject({ ok: true, balance: '1234 tokens' });
    await expect(service.call('providers.update', { id: 'local', enabled: false })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(service.call('providers.update', { id: 'stablediffusion', enabled: true })).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.call('providers.models', { id: 'leonardo' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/type the model id/) });
  });

  it('builds adapters from their settings and the stored key, and rebuilds them when an admin changes them', async () => {
    const dir = tempDir();
    const secrets = createMemorySecretStore();
    const configs: ProviderConfig[] = [];
    const service = await startService(dir.path, {
      secrets,
      providerFactories: {
        leonardo: (config) => {
          configs.push(config);
          return fakeRemote('leonardo', { available: () => config.apiKey() !== null }).provider;
        },
      },
    });
    cleanup.push(dir.remove, () => service.close());
    expect(configs.at(-1)).toMatchObject({ baseUrl: 'https://cloud.leonardo.ai/api/rest/v1', model: null, priceUsd: 0 });
    expect((await service.call('providers.list', {})).find((p) => p.id === 'local')?.installed).toBe(true);
    await service.call('providers.update', { id: 'leonardo', api_key: 'k1', settings: { model: 'sdxl-model-id', price_usd: 0.002 } });
    expect(configs.at(-1)).toMatchObject({ model: 'sdxl-model-id', priceUsd: 0.002 });
    // The key is read from the secret store at each call, never copied into the adapter's config.
    expect(configs.at(-1)!.apiKey()).toBe('k1');
    expect(JSON.stringify(configs.at(-1))).not.toContain('k1');
    const settings = await service.call('settings.get', {});
    await service.call('settings.update', { providers: { ...settings.providers, leonardo: { ...settings.providers.leonardo, model: 'other-model' } } });
    expect(configs.at(-1)).toMatchObject({ model: 'other-model' });
  });
});
