import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createAutomatic1111Provider, parseAutomatic1111Controlnet, type Automatic1111Config } from '../../../core/generation';
import { createFakeClock, type FakeClock } from '../../helpers/fake-clock';
import { startFakeAutomatic1111, type FakeAutomatic1111 } from '../../helpers/fake-providers/automatic1111';
import { expectFault, requestFor, writeSource } from '../../helpers/fake-providers/harness';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
let source: string;
let fake: FakeAutomatic1111;
let clock: FakeClock;
beforeAll(async () => {
  source = await writeSource(dir.path);
});
afterAll(() => dir.remove());
afterEach(async () => fake?.close());

const PARAMS = { api: 'automatic1111', init_strength: 0.3, guidance_scale: 7.4, controlnet_weight: 0.9 } as const;
const CREDENTIALS = 'studio:Gpu-Pass-4821';

async function setup(options: Parameters<typeof startFakeAutomatic1111>[0] = {}, config: Partial<Automatic1111Config> = {}) {
  clock = createFakeClock();
  await fake?.close();
  fake = await startFakeAutomatic1111({ clock, credentials: CREDENTIALS, ...options });
  return createAutomatic1111Provider({
    baseUrl: fake.baseUrl,
    credentials: () => CREDENTIALS,
    controlnetModel: 'control_v11f1p_sd15_depth [cfd03158]',
    controlnetModule: 'depth_midas',
    clock,
    timeoutMs: 120_000,
    ...config,
  });
}

const run = (provider: ReturnType<typeof createAutomatic1111Provider>, signal?: AbortSignal) => clock.drive(provider.generate(requestFor(source, PARAMS, signal)));
const img2img = () => fake.requests('POST', /\/sdapi\/v1\/img2img$/);

describe('AUTOMATIC1111 adapter against a fake AUTOMATIC1111', () => {
  it('sends one img2img with the ControlNet unit and the knobs in its direction, and keeps the image', async () => {
    const provider = await setup({ latencyMs: 20_000 }, { checkpoint: 'realisticVisionV60B1_v51VAE.safetensors [15012c538f]' });
    const result = await run(provider);
    expect((await sharp(result.bytes).metadata()).format).toBe('png');
    const sent = img2img()[0]!;
    expect(sent.headers.authorization).toBe(`Basic ${Buffer.from(CREDENTIALS).toString('base64')}`);
    const body = sent.json as Record<string, unknown> & { init_images: string[]; alwayson_scripts: { ControlNet: { args: Record<string, unknown>[] } } };
    expect(body).toMatchObject({
      prompt: 'photorealistic interior, oak floor',
      negative_prompt: 'cartoon, blurry',
      denoising_strength: 0.7, // 1 − init_strength: AUTOMATIC1111 denoises, higher is further from the render
      cfg_scale: 7.4,
      seed: 1234,
      width: 1024,
      height: 768,
      batch_size: 1,
      send_images: true,
      save_images: false,
      override_settings: { sd_model_checkpoint: 'realisticVisionV60B1_v51VAE.safetensors [15012c538f]' },
    });
    const init = await sharp(Buffer.from(body.init_images[0]!, 'base64')).metadata();
    expect([init.width, init.height]).toEqual([1024, 768]);
    expect(body.alwayson_scripts.ControlNet.args).toHaveLength(1);
    expect(body.alwayson_scripts.ControlNet.args[0]).toMatchObject({ enabled: true, module: 'depth_midas', model: 'control_v11f1p_sd15_depth [cfd03158]', weight: 0.9, save_detected_map: false });
    // What is kept for the audit: the request without the images, the seed the server used.
    expect(JSON.stringify(result.details.request)).not.toContain(body.init_images[0]!.slice(0, 200));
    expect(result.details).toMatchObject({ seed_used: 1234, controlnet_module: 'depth_midas' });
    expect(result.costUsd).toBe(0);
    expect(result.latencyMs).toBeGreaterThanOrEqual(20_000);
    expect(JSON.stringify(result.details)).not.toContain('Gpu-Pass-4821');
    expect(provider.effectiveParameters(PARAMS)).toMatchObject({ init_strength: 0.3 });
  });

  it('says what to do about wrong credentials, without leaking the password', async () => {
    const provider = await setup({}, { credentials: () => 'studio:wrong-pass' });
    await expectFault(run(provider), 'auth', /AUTOMATIC1111/, 'wrong-pass');
    expect(img2img()).toHaveLength(1);
  });

  it('tests the connection for free, naming a ControlNet model the server does not have', async () => {
    const provider = await setup({}, { controlnetModel: 'control_v11p_sd15_lineart [43d4be0d]' });
    const report = await clock.drive(provider.testConnection());
    expect(report).toMatchObject({ ok: false, message: expect.stringMatching(/does not have the ControlNet model "control_v11p_sd15_lineart \[43d4be0d\]"/) });
    const good = await setup();
    expect(await clock.drive(good.testConnection())).toMatchObject({ ok: true, message: expect.stringMatching(/2 checkpoints, 2 ControlNet models/) });
    expect(await clock.drive(good.listModels!())).toEqual(fake.checkpoints.map((title) => ({ id: title, label: title })));
    expect(img2img()).toHaveLength(0);
  });

  it('interrupts the server when the trainer moves on or the deadline passes', async () => {
    const provider = await setup();
    fake.override('POST', /\/sdapi\/v1\/img2img$/, () => 'hang');
    const controller = new AbortController();
    const pending = run(provider, controller.signal);
    await fake.whenHung();
    controller.abort();
    await expectFault(pending, 'cancelled', /cancelled/, 'Gpu-Pass-4821');
    expect(fake.state.interrupts).toBe(1);

    const slow = await setup({}, { timeoutMs: 60_000 });
    fake.override('POST', /\/sdapi\/v1\/img2img$/, () => 'hang');
    const late = run(slow);
    await fake.whenHung();
    clock.advance(60_000);
    await expectFault(late, 'timeout', /AUTOMATIC1111/, 'Gpu-Pass-4821');
    expect(fake.state.interrupts).toBe(1);
  });

  it('names a model the server lacks, does not repeat a job after a 500, and waits out a 429 from a proxy', async () => {
    const provider = await setup({}, { controlnetModel: 'control_v11p_sd15_lineart [43d4be0d]' });
    // The server's own words, not just the exception's class.
    await expectFault(run(provider), 'server', /RuntimeError: ControlNet model control_v11p_sd15_lineart \[43d4be0d\] not found/, 'Gpu-Pass-4821');
    expect(img2img()).toHaveLength(1);

    const busy = await setup();
    fake.override('POST', /\/sdapi\/v1\/img2img$/, () => ({ status: 429, headers: { 'retry-after': '7' }, json: { detail: 'Too many requests' } }));
    const started = clock.now();
    const result = await run(busy);
    expect(result.latencyMs).toBeGreaterThanOrEqual(7000);
    expect(clock.now() - started).toBeGreaterThanOrEqual(7000);
    expect(img2img()).toHaveLength(2);
  });

  it('refuses an answer that is not JSON, one without an image, and an image that is not one', async () => {
    const provider = await setup();
    fake.override('POST', /\/sdapi\/v1\/img2img$/, () => ({ body: '<html>Gradio is starting</html>' }));
    await expectFault(run(provider), 'malformed', /not JSON/, 'Gpu-Pass-4821');
    fake.override('POST', /\/sdapi\/v1\/img2img$/, () => ({ json: { images: [], parameters: {}, info: '{}' } }));
    await expectFault(run(provider), 'malformed', /AUTOMATIC1111/, 'Gpu-Pass-4821');
    fake.override('POST', /\/sdapi\/v1\/img2img$/, () => ({ json: { images: [Buffer.from('%PDF-1.4 not a picture').toString('base64')], parameters: {}, info: '{}' } }));
    await expectFault(run(provider), 'bad_output', /instead of an image/, 'Gpu-Pass-4821');
    expect(img2img()).toHaveLength(3);
  });

  it('says the server cannot be reached when nothing listens at its address', async () => {
    const provider = await setup();
    const address = fake.baseUrl;
    await fake.close();
    const closed = createAutomatic1111Provider({
      baseUrl: address,
      credentials: () => CREDENTIALS,
      controlnetModel: 'control_v11f1p_sd15_depth [cfd03158]',
      controlnetModule: 'depth_midas',
      clock,
      timeoutMs: 120_000,
    });
    expect(provider.id).toBe(closed.id);
    await expectFault(run(closed), 'unreachable', /AUTOMATIC1111/, 'Gpu-Pass-4821');
  });

  it('reads the ControlNet field as "<module>: <model>" and guesses the module of a depth or canny model', () => {
    expect(parseAutomatic1111Controlnet('depth_leres: control_v11f1p_sd15_depth [cfd03158]')).toEqual({ module: 'depth_leres', model: 'control_v11f1p_sd15_depth [cfd03158]' });
    expect(parseAutomatic1111Controlnet('control_v11p_sd15_canny [d14c016b]')).toEqual({ module: 'canny', model: 'control_v11p_sd15_canny [d14c016b]' });
    expect(() => parseAutomatic1111Controlnet('control_v11p_sd15_lineart [43d4be0d]')).toThrow(/Say which preprocessor/);
    expect(() => parseAutomatic1111Controlnet(null)).toThrow(/Test connection lists/);
  });
});
