import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Parameters as OptionParameters } from '../../../core/api';
import { createComfyUIProvider, parseComfyuiControlnet, remoteProviderFactories, type ComfyUIConfig } from '../../../core/generation';
import { createFakeClock, type FakeClock } from '../../helpers/fake-clock';
import { startFakeComfyUI, type FakeComfyUI } from '../../helpers/fake-providers/comfyui';
import { expectFault, requestFor, writeSource } from '../../helpers/fake-providers/harness';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
let source: string;
let fake: FakeComfyUI;
let clock: FakeClock;
beforeAll(async () => {
  source = await writeSource(dir.path);
});
afterAll(() => dir.remove());
afterEach(async () => fake?.close());

const PARAMS = { api: 'comfyui', init_strength: 0.3, guidance_scale: 7.4, controlnet_weight: 0.9 } as const;
const TOKEN = 'proxy-token-5521-secret';

async function setup(options: Parameters<typeof startFakeComfyUI>[0] = {}, config: Partial<ComfyUIConfig> = {}) {
  clock = createFakeClock();
  await fake?.close();
  fake = await startFakeComfyUI({ clock, authorization: `Bearer ${TOKEN}`, ...options });
  return createComfyUIProvider({
    baseUrl: fake.baseUrl,
    credentials: () => TOKEN,
    checkpoint: 'realisticVisionV60B1_v51VAE.safetensors',
    controlnetModel: 'control_v11p_sd15_canny.pth',
    hint: 'canny',
    clock,
    timeoutMs: 120_000,
    ...config,
  });
}

type Node = { class_type: string; inputs: Record<string, unknown> };
const run = (provider: ReturnType<typeof createComfyUIProvider>, parameters: OptionParameters = PARAMS, signal?: AbortSignal) => clock.drive(provider.generate(requestFor(source, parameters, signal)));
const promptsSent = () => fake.requests('POST', /^\/prompt$/).map((r) => r.json as { prompt: Record<string, Node>; client_id: string });
/** The node of a class in a graph, and the node a link of it points at. */
const nodeOf = (graph: Record<string, Node>, type: string) => Object.entries(graph).find(([, n]) => n.class_type === type)!;
const target = (graph: Record<string, Node>, link: unknown) => {
  const [id, index] = link as [string, number];
  return { type: graph[id]!.class_type, index, node: graph[id]! };
};

describe('ComfyUI adapter against a fake ComfyUI', () => {
  it('uploads the render and its edge map, queues the img2img + ControlNet graph with the knobs in its direction, polls and keeps the image', async () => {
    const provider = await setup({ latencyMs: 6000, pendingPolls: 2 });
    const a = await run(provider);
    const b = await run(provider, { ...PARAMS, init_strength: 0.45, guidance_scale: 9, controlnet_weight: 0.75 });
    for (const result of [a, b]) expect((await sharp(result.bytes).metadata()).format).toBe('png');
    expect(a.bytes.equals(b.bytes)).toBe(false);

    const [first, second] = promptsSent();
    const graph = first!.prompt;
    const [, sampler] = nodeOf(graph, 'KSampler');
    // KSampler denoises: higher is further from the render, so it gets 1 − init strength.
    expect(sampler.inputs).toMatchObject({ denoise: 0.7, cfg: 7.4, seed: 1234, steps: 30, sampler_name: 'euler', scheduler: 'normal' });
    expect(nodeOf(second!.prompt, 'KSampler')[1].inputs).toMatchObject({ denoise: 0.55, cfg: 9 });
    expect(nodeOf(second!.prompt, 'ControlNetApplyAdvanced')[1].inputs.strength).toBe(0.75);
    expect(target(graph, sampler.inputs.model)).toMatchObject({ type: 'CheckpointLoaderSimple', index: 0 });
    expect(target(graph, sampler.inputs.positive)).toMatchObject({ type: 'ControlNetApplyAdvanced', index: 0 });
    expect(target(graph, sampler.inputs.negative)).toMatchObject({ type: 'ControlNetApplyAdvanced', index: 1 });
    const latent = target(graph, sampler.inputs.latent_image);
    expect(latent.type).toBe('VAEEncode');
    const init = target(graph, latent.node.inputs.pixels);
    expect(init.type).toBe('LoadImage');

    const [, apply] = nodeOf(graph, 'ControlNetApplyAdvanced');
    expect(apply.inputs).toMatchObject({ strength: 0.9, start_percent: 0, end_percent: 1 });
    expect(target(graph, apply.inputs.control_net).node.inputs.control_net_name).toBe('control_v11p_sd15_canny.pth');
    expect(target(graph, apply.inputs.positive).node.inputs.text).toBe('photorealistic interior, oak floor');
    expect(target(graph, apply.inputs.negative).node.inputs.text).toBe('cartoon, blurry');
    const hint = target(graph, apply.inputs.image);
    expect(hint.type).toBe('LoadImage');
    expect(hint.node.inputs.image).not.toBe(init.node.inputs.image);
    expect(nodeOf(graph, 'CheckpointLoaderSimple')[1].inputs.ckpt_name).toBe('realisticVisionV60B1_v51VAE.safetensors');
    const save = nodeOf(graph, 'SaveImage')[1];
    expect(target(graph, target(graph, save.inputs.images).node.inputs.samples).type).toBe('KSampler');

    // What LoadImage names is what was uploaded: the render cropped to 1024×768, and its edges in black and white.
    const render = await sharp(fake.uploads.get(init.node.inputs.image as string)!).metadata();
    expect([render.width, render.height]).toEqual([1024, 768]);
    const edges = await sharp(fake.uploads.get(hint.node.inputs.image as string)!).raw().toBuffer({ resolveWithObject: true });
    expect([edges.info.width, edges.info.height]).toEqual([1024, 768]);
    const values = new Set(edges.data);
    expect([...values].sort((x, y) => x - y)).toEqual([0, 255]);
    // The source's drawn rectangle and line make edges; most of the picture is flat.
    const white = edges.data.filter((v) => v === 255).length / edges.data.length;
    expect(white).toBeGreaterThan(0.001);
    expect(white).toBeLessThan(0.1);
    for (const upload of fake.requests('POST', /^\/upload\/image$/)) expect(upload.form!.get('overwrite')).toBe('true');

    expect(first!.client_id).toBe(second!.client_id);
    expect(fake.requests('POST', /^\/prompt$/)[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(a.details).toMatchObject({ job_id: fake.prompts.keys().next().value, model: 'realisticVisionV60B1_v51VAE.safetensors', controlnet_hint: 'canny', request: first });
    expect(a.details.polls).toBeGreaterThanOrEqual(3);
    expect(a.latencyMs).toBeGreaterThanOrEqual(6000);
    expect(a.costUsd).toBe(0);
    expect(JSON.stringify(a.details)).not.toContain(TOKEN);
    expect(provider.effectiveParameters(PARAMS)).toMatchObject({ init_strength: 0.3 });
  });

  it('gives the ControlNet the render itself when the hint is "image"', async () => {
    const provider = await setup({}, { hint: 'image' });
    await run(provider);
    const graph = promptsSent()[0]!.prompt;
    const apply = nodeOf(graph, 'ControlNetApplyAdvanced')[1];
    const latent = nodeOf(graph, 'VAEEncode')[1];
    expect(apply.inputs.image).toEqual(latent.inputs.pixels);
    expect(fake.requests('POST', /^\/upload\/image$/)).toHaveLength(1);
  });

  it('names the node and what to fix when ComfyUI refuses the graph (a missing checkpoint or ControlNet file)', async () => {
    const provider = await setup({}, { checkpoint: 'juggernautXL_v9.safetensors' });
    const error = await expectFault(run(provider), 'rejected', /node 1 \(CheckpointLoaderSimple\): ckpt_name: 'juggernautXL_v9\.safetensors' is not among the files it has — put the checkpoint file in ComfyUI's models\/checkpoints folder/, TOKEN);
    expect(error.message).not.toContain('sd_xl_base_1.0');
    expect(promptsSent()).toHaveLength(1);

    fake.override('POST', /^\/prompt$/, () => ({ status: 400, json: { error: 'no prompt', node_errors: [] } }));
    await expectFault(run(provider), 'rejected', /ComfyUI refused the workflow \(no prompt\)\. Check the ComfyUI server/, TOKEN);

    const wrongControlnet = await setup({}, { controlnetModel: 'control_v11f1p_sd15_depth.pth' });
    await expectFault(run(wrongControlnet), 'rejected', /node 6 \(ControlNetLoader\).*models\/controlnet folder/, TOKEN);
    expect(fake.prompts.size).toBe(0);
  });

  it('reports an error in a node while the prompt ran, from the history', async () => {
    const provider = await setup({ outcome: 'execution_error', pendingPolls: 1 });
    await expectFault(run(provider), 'failed', /node 9 \(KSampler\) failed in prompt c0ffee00.*torch\.OutOfMemoryError: CUDA out of memory.*GPU ran out of memory/, TOKEN);
  });

  it('does not queue a prompt twice after a 500, retries a history read a bounded number of times, and says when the server is down', async () => {
    const provider = await setup();
    fake.override('POST', /^\/prompt$/, () => ({ status: 500, body: '500 Internal Server Error\n\nServer got itself in trouble' }));
    await expectFault(run(provider), 'server', /ComfyUI had a server error on POST \/prompt.*Server got itself in trouble/, TOKEN);
    expect(promptsSent()).toHaveLength(1);

    fake.override('GET', /^\/history\//, () => ({ status: 502, body: '<html>Bad gateway</html>' }), 10);
    await expectFault(run(provider), 'server', /server error on GET \/history/, TOKEN);
    expect(fake.requests('GET', /^\/history\//)).toHaveLength(3);

    const address = fake.baseUrl;
    await fake.close();
    const down = createComfyUIProvider({ baseUrl: address, credentials: () => null, checkpoint: 'x.safetensors', controlnetModel: 'y.pth', hint: 'image', clock });
    await expectFault(clock.drive(down.generate(requestFor(source, PARAMS))), 'unreachable', /Cannot reach ComfyUI at http:\/\/127\.0\.0\.1:\d+ .*that the server is running/, TOKEN);
  });

  it('refuses an output that is not an image, and one that is gone', async () => {
    const provider = await setup();
    fake.override('GET', /^\/view$/, () => ({ headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><body>ComfyUI</body></html>' }));
    await expectFault(run(provider), 'bad_output', /ComfyUI returned .* instead of an image/, TOKEN);
    fake.override('GET', /^\/view$/, () => ({ status: 404, body: '404: Not Found' }));
    await expectFault(run(provider), 'not_found', /output image is gone/, TOKEN);
  });

  it('says what to do about a login the proxy in front refuses, without leaking it', async () => {
    const provider = await setup({}, { credentials: () => 'wrong-token-7781' });
    await expectFault(run(provider), 'auth', /ComfyUI refused the credentials/, 'wrong-token-7781');
    expect(fake.requests('POST', /^\/prompt$/)).toHaveLength(0);
  });

  it('interrupts its running prompt when the trainer moves on or the deadline passes, and takes a waiting one off the queue', async () => {
    const provider = await setup();
    fake.override('GET', /^\/history\//, () => 'hang');
    const controller = new AbortController();
    const pending = run(provider, PARAMS, controller.signal);
    await fake.whenHung();
    controller.abort();
    await expectFault(pending, 'cancelled', /cancelled/, TOKEN);
    const [id] = fake.prompts.keys();
    expect(fake.state.interrupts).toEqual([id]);
    expect(fake.prompts.get(id!)!.state).toBe('interrupted');
    expect(fake.state.deletes).toEqual([]);

    const slow = await setup({ latencyMs: 600_000 }, { timeoutMs: 60_000 });
    await expectFault(run(slow), 'timeout', /did not finish within/, TOKEN);
    expect(fake.state.interrupts).toHaveLength(1);
    expect(fake.requests('GET', /^\/history\//).length).toBeLessThanOrEqual(61);

    const queued = await setup({}, { timeoutMs: 30_000 });
    fake.occupyGpu(true);
    await expectFault(run(queued), 'timeout', /did not finish within/, TOKEN);
    expect(fake.state.deletes).toHaveLength(1);
    expect(fake.state.interrupts).toEqual([]);
    expect(fake.prompts.size).toBe(0);
  });

  it('tests the connection for free, naming a checkpoint or ControlNet model the server does not have', async () => {
    const provider = await setup({}, { checkpoint: 'juggernautXL_v9.safetensors' });
    const report = await clock.drive(provider.testConnection());
    expect(report).toMatchObject({ ok: false, message: expect.stringMatching(/does not have the checkpoint "juggernautXL_v9\.safetensors" \(it has sd_xl_base_1\.0\.safetensors, realisticVisionV60B1_v51VAE\.safetensors\)/) });
    expect(report.message).not.toMatch(/ControlNet model/);

    const good = await setup({ comboChoices: true });
    expect(await clock.drive(good.testConnection())).toMatchObject({ ok: true, message: expect.stringMatching(/ComfyUI 0\.3\.40 on cuda:0 NVIDIA GeForce RTX 4090.*2 checkpoints, 2 ControlNet models/) });
    expect(await clock.drive(good.listModels!())).toEqual([
      { id: 'sd_xl_base_1.0.safetensors', label: 'sd_xl_base_1.0.safetensors' },
      { id: 'realisticVisionV60B1_v51VAE.safetensors', label: 'realisticVisionV60B1_v51VAE.safetensors' },
    ]);
    const sampler = await setup({}, { controlnetModel: 'missing-canny.pth', sampler: 'lcm' });
    expect(await clock.drive(sampler.testConnection())).toMatchObject({ ok: false, message: expect.stringMatching(/ControlNet model "missing-canny\.pth".*or the sampler "lcm"/) });
    expect(fake.requests('POST', /./)).toHaveLength(0);
  });

  it('reads the Providers page fields: the checkpoint from Model, "<hint>: <file>" from ControlNet', async () => {
    expect(parseComfyuiControlnet('image: control_v11f1e_sd15_tile.pth')).toEqual({ hint: 'image', model: 'control_v11f1e_sd15_tile.pth' });
    expect(parseComfyuiControlnet('Canny : diffusers_xl_canny_mid.safetensors')).toEqual({ hint: 'canny', model: 'diffusers_xl_canny_mid.safetensors' });
    expect(parseComfyuiControlnet('control_v11p_sd15_canny.pth')).toEqual({ hint: 'canny', model: 'control_v11p_sd15_canny.pth' });
    expect(() => parseComfyuiControlnet('control_v11f1p_sd15_depth.pth')).toThrow(/cannot make a depth map/);
    expect(() => parseComfyuiControlnet('t2iadapter_sketch.pth')).toThrow(/"image: t2iadapter_sketch\.pth"/);
    expect(() => parseComfyuiControlnet(null)).toThrow(/Test connection lists/);

    const build = remoteProviderFactories().comfyui!;
    const base = { baseUrl: 'http://127.0.0.1:8188', apiKey: () => null, priceUsd: 0 };
    const noCheckpoint = build({ ...base, model: null, controlnetModel: 'canny: c.pth' });
    expect(noCheckpoint).toMatchObject({ id: 'comfyui', available: expect.any(Function), note: expect.stringMatching(/checkpoint file in the Model field/) });
    expect(noCheckpoint.available()).toBe(false);
    await expect(noCheckpoint.generate(requestFor(source, PARAMS))).rejects.toThrow(/ComfyUI is not set up/);
    const ready = build({ ...base, model: ' sd_xl_base_1.0.safetensors ', controlnetModel: 'canny: controlnet-canny-sdxl-1.0.safetensors' });
    expect(ready.available()).toBe(true);
    expect(ready.note).toMatch(/sd_xl_base_1\.0\.safetensors with ControlNet controlnet-canny-sdxl-1\.0\.safetensors \(edge map drawn here\)/);
  });
});
