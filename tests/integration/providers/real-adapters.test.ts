import { afterEach, describe, expect, it } from 'vitest';
import { remoteProviderFactories } from '../../../core/generation';
import { createMemorySecretStore, type Service } from '../../../core/service';
import { startFakeAutomatic1111 } from '../../helpers/fake-providers/automatic1111';
import { startFakeComfyUI } from '../../helpers/fake-providers/comfyui';
import { startFakeLeonardo } from '../../helpers/fake-providers/leonardo';
import { startFakeReplicate } from '../../helpers/fake-providers/replicate';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

// The hosts build the real adapters from the Providers page's fields through
// remoteProviderFactories; here the same path runs against loopback fakes of their APIs.
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function start() {
  const dir = tempDir();
  const service = await startService(dir.path, {
    secrets: createMemorySecretStore(),
    // A short poll so that a job the fake finishes at once is collected at once.
    providerFactories: remoteProviderFactories({ pollIntervalMs: 5 }),
  });
  cleanup.push(dir.remove, () => service.close());
  return service;
}

/** Pairs the local enhancer made before it was turned off stay to be rated: skip past them to the first remote one. */
async function firstRemotePair(service: Service) {
  let { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
  for (let i = 0; i < 20 && experiment?.options[0]!.parameters.api === 'local'; i++) {
    await service.call('train.skip', { experiment_id: experiment.experiment_id, reason: 'made before the provider was set up', rated_by: 'trainer-ana' });
    ({ experiment } = await service.call('queue.next', { wait_ms: 60_000 }));
  }
  return experiment;
}

describe('the real adapters built from settings', () => {
  it('rate a pair Leonardo made, with the model and ControlNet the admin set', async () => {
    const fake = await startFakeLeonardo({ creditCost: 10 });
    cleanup.push(() => fake.close());
    const service = await start();
    const before = (await service.call('providers.list', {})).find((p) => p.id === 'leonardo')!;
    expect(before).toMatchObject({ installed: true, available: false, label: 'Leonardo.Ai' });

    await service.call('providers.update', {
      id: 'leonardo',
      enabled: true,
      api_key: fake.key,
      settings: { base_url: fake.baseUrl, controlnet_model: 'sd15/edge', price_usd: 0.002 },
    });
    await service.call('providers.update', { id: 'local', enabled: false });
    const tested = await service.call('providers.test', { id: 'leonardo' });
    expect(tested.test).toMatchObject({ ok: true });

    const experiment = await firstRemotePair(service);
    expect(experiment).not.toBeNull();
    for (const option of experiment!.options) expect(option.parameters.api).toBe('leonardo');
    const created = fake.requests('POST', /\/generations$/).map((r) => r.json as { modelId: string; controlnets: { preprocessorId: number }[] });
    expect(created.length).toBeGreaterThanOrEqual(2);
    for (const body of created) {
      expect(body.modelId).toBe('aa77f04e-3eec-4034-9c07-d0f619684628');
      expect(body.controlnets[0]!.preprocessorId).toBe(1); // Edge on the SD1.5 family
    }
    const saved = await service.call('train.rate', {
      experiment_id: experiment!.experiment_id,
      ratings: [
        { option: 'A', rating: 4, comments: '' },
        { option: 'B', rating: 2, comments: '' },
      ],
      outcome: 'A',
      rated_by: 'trainer-ana',
    });
    expect(saved.success).toBe(true);
    // Each option costs its credits at the admin's price, and today's spend counts at least this pair.
    for (const option of experiment!.options) expect(option.metadata.cost_usd).toBeCloseTo(10 * 0.002, 9);
    const spent = (await service.call('providers.list', {})).find((p) => p.id === 'leonardo')!.spent_today_usd;
    expect(spent).toBeGreaterThanOrEqual(2 * 10 * 0.002 - 1e-9);
  });

  it('rate a pair a local AUTOMATIC1111 server made, with its login and ControlNet model', async () => {
    const fake = await startFakeAutomatic1111({ credentials: 'studio:gpu-pass' });
    cleanup.push(() => fake.close());
    const service = await start();
    await service.call('providers.update', {
      id: 'automatic1111',
      enabled: true,
      api_key: 'studio:gpu-pass',
      settings: { base_url: fake.baseUrl, controlnet_model: 'control_v11p_sd15_canny [d14c016b]' },
    });
    await service.call('providers.update', { id: 'local', enabled: false });
    expect((await service.call('providers.test', { id: 'automatic1111' })).test).toMatchObject({ ok: true });
    // One job at a time (its default): the pair's two options run one after the other.
    const experiment = await firstRemotePair(service);
    for (const option of experiment!.options) expect(option).toMatchObject({ provider: 'automatic1111', status: 'ready' });
    const units = fake.requests('POST', /\/sdapi\/v1\/img2img$/).map((r) => (r.json as { alwayson_scripts: { ControlNet: { args: { module: string; model: string }[] } } }).alwayson_scripts.ControlNet.args[0]);
    expect(units.length).toBeGreaterThanOrEqual(2);
    for (const unit of units) expect(unit).toMatchObject({ module: 'canny', model: 'control_v11p_sd15_canny [d14c016b]' });
  });

  it('rate a pair a local ComfyUI server made, with the checkpoint and ControlNet file the admin set', async () => {
    const fake = await startFakeComfyUI();
    cleanup.push(() => fake.close());
    const service = await start();
    const unset = (await service.call('providers.list', {})).find((p) => p.id === 'comfyui')!;
    expect(unset).toMatchObject({ installed: true, available: false, label: 'ComfyUI', note: expect.stringMatching(/checkpoint file in the Model field/) });
    await service.call('providers.update', {
      id: 'comfyui',
      enabled: true,
      settings: { base_url: fake.baseUrl, model: 'sd_xl_base_1.0.safetensors', controlnet_model: 'canny: controlnet-canny-sdxl-1.0.safetensors' },
    });
    await service.call('providers.update', { id: 'local', enabled: false });
    expect((await service.call('providers.test', { id: 'comfyui' })).test).toMatchObject({ ok: true });
    const experiment = await firstRemotePair(service);
    for (const option of experiment!.options) expect(option).toMatchObject({ provider: 'comfyui', status: 'ready' });
    const graphs = fake.requests('POST', /^\/prompt$/).map((r) => Object.values((r.json as { prompt: Record<string, { class_type: string; inputs: Record<string, unknown> }> }).prompt));
    expect(graphs.length).toBeGreaterThanOrEqual(2);
    for (const graph of graphs) {
      expect(graph.find((n) => n.class_type === 'CheckpointLoaderSimple')!.inputs.ckpt_name).toBe('sd_xl_base_1.0.safetensors');
      expect(graph.find((n) => n.class_type === 'ControlNetLoader')!.inputs.control_net_name).toBe('controlnet-canny-sdxl-1.0.safetensors');
    }
    // One job at a time (its default): the second prompt is queued only after the first has finished.
    expect([...fake.prompts.values()].map((p) => p.ahead)).toEqual(graphs.map(() => 0));
    expect(fake.state.interrupts).toEqual([]);
  });

  it('say what to fix when a setting cannot work, and never hand the queue that provider', async () => {
    const fake = await startFakeReplicate();
    cleanup.push(() => fake.close());
    const service = await start();
    const unpinned = await service.call('providers.update', { id: 'stablediffusion', enabled: true, api_key: 'r8_token', settings: { base_url: fake.baseUrl, model: 'fofr/sdxl-multi-controlnet-lora' } });
    expect(unpinned).toMatchObject({ installed: true, enabled: true, available: false });
    expect(unpinned.note).toMatch(/pinned as fofr\/sdxl-multi-controlnet-lora:<version id>/);
    expect((await service.call('providers.test', { id: 'stablediffusion' })).test).toMatchObject({ ok: false, message: expect.stringMatching(/latest_version\.id/) });
    const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
    for (const option of experiment!.options) expect(option.parameters.api).not.toBe('stablediffusion');
    expect(fake.requests('POST', /\/predictions$/)).toHaveLength(0);

    const leonardo = await service.call('providers.update', { id: 'leonardo', settings: { controlnet_model: 'phoenix/depth' } });
    expect(leonardo).toMatchObject({ available: false, note: expect.stringMatching(/sdxl\/depth/) });

    // A paid provider without a price would spend past any cap unseen: the page says so until it has one.
    const unpriced = await service.call('providers.update', { id: 'leonardo', api_key: 'leo-key', settings: { controlnet_model: 'sdxl/depth', daily_cap_usd: 5 } });
    expect(unpriced.note).toMatch(/No price is set.*daily cap cannot stop it: enter the USD per API credit/);
    const pricedView = await service.call('providers.update', { id: 'leonardo', settings: { price_usd: 0.0012 } });
    expect(pricedView.note).not.toMatch(/No price is set/);
  });
});
