import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReplicateProvider, type ReplicateConfig } from '../../../core/generation';
import { createFakeClock, type FakeClock } from '../../helpers/fake-clock';
import { expectFault, requestFor, writeSource } from '../../helpers/fake-providers/harness';
import { outputPng } from '../../helpers/fake-providers/images';
import { startFakeReplicate, type FakeReplicate } from '../../helpers/fake-providers/replicate';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
let source: string;
let fake: FakeReplicate | undefined;
let clock: FakeClock;
beforeAll(async () => {
  source = await writeSource(dir.path);
});
afterAll(() => dir.remove());
afterEach(async () => fake?.close());

const PARAMS = { api: 'stablediffusion', strength: 0.2, guidance_scale: 7.5, controlnet_conditioning_scale: 0.95 } as const;

async function setup(options: Parameters<typeof startFakeReplicate>[0] = {}, config: Partial<ReplicateConfig> = {}) {
  clock = createFakeClock();
  await fake?.close();
  const server = await startFakeReplicate({ clock, ...options });
  fake = server;
  const provider = createReplicateProvider({
    baseUrl: server.baseUrl,
    apiKey: () => server.key,
    model: 'fofr/sdxl-multi-controlnet-lora',
    version: server.version,
    usdPerSecond: 0.000725,
    clock,
    timeoutMs: 120_000,
    ...config,
  });
  return { provider, server };
}

const run = (provider: ReturnType<typeof createReplicateProvider>, signal?: AbortSignal) => clock.drive(provider.generate(requestFor(source, PARAMS, signal)));

describe('Replicate adapter against a fake Replicate', () => {
  it('creates with Prefer: wait, polls, keeps out-0 (not the control map) and prices predict_time', async () => {
    const { provider, server } = await setup({ pendingPolls: 3, latencyMs: 10_000 });
    const result = await run(provider);
    expect(result.bytes.equals(await outputPng(1))).toBe(true);
    const create = server.requests('POST', /^\/v1\/predictions$/)[0]!;
    expect(create.headers).toMatchObject({ authorization: `Bearer ${server.key}`, prefer: 'wait=30', 'cancel-after': '120s' });
    const body = create.json as { version: string; input: Record<string, unknown> };
    expect(body.version).toBe(server.version);
    expect(body.input).toMatchObject({
      prompt: 'photorealistic interior, oak floor',
      negative_prompt: 'cartoon, blurry',
      prompt_strength: 0.8,
      guidance_scale: 7.5,
      seed: 1234,
      width: 1024,
      height: 768,
      num_outputs: 1,
      controlnet_1: 'depth_midas',
      controlnet_1_conditioning_scale: 0.95,
    });
    expect(String(body.input.image)).toMatch(/^data:image\/png;base64,/);
    expect(body.input.controlnet_1_image).toBe(body.input.image);
    // Polled every 3 s: at 0, 3, 6, 9 s still running, done at 12 s.
    expect(server.requests('GET', /^\/v1\/predictions\/pred1$/)).toHaveLength(5);
    expect(result.costUsd).toBeCloseTo(8.5 * 0.000725, 10);
    expect(result.details).toMatchObject({ job_id: 'pred1', model: `fofr/sdxl-multi-controlnet-lora:${server.version}`, predict_time: 8.5 });
    const stored = result.details.request as { input: Record<string, unknown> };
    expect({ ...stored.input, image: undefined, controlnet_1_image: undefined }).toEqual({ ...body.input, image: undefined, controlnet_1_image: undefined });
    expect(String(stored.input.image)).toMatch(/^<image\/png \d+ bytes, sha256 [0-9a-f]{64}>$/);
    expect(JSON.stringify(result.details)).not.toContain(server.key);
  });

  it('gets the output in the create reply when the model finishes within Prefer: wait', async () => {
    const { provider, server } = await setup({ latencyMs: 6000 });
    const started = clock.now();
    await run(provider);
    expect(server.requests('GET', /^\/v1\/predictions\//)).toHaveLength(0);
    expect(clock.now() - started).toBeGreaterThanOrEqual(6000);
  });

  it('says what to do about a bad token, once', async () => {
    const { server } = await setup();
    const bad = createReplicateProvider({ baseUrl: server.baseUrl, apiKey: () => 'r8_wrongwrongwrong', model: 'fofr/sdxl-multi-controlnet-lora', version: server.version, usdPerSecond: null, clock });
    await expectFault(run(bad), 'auth', /Enter a valid API key for Replicate/, 'r8_wrongwrongwrong');
    expect(server.received).toHaveLength(1);
  });

  it('says payment is required', async () => {
    const { provider, server } = await setup();
    server.override('POST', /^\/v1\/predictions$/, () => ({ status: 402, json: { title: 'Insufficient credit', detail: 'You have insufficient credit to run this model.', status: 402 } }));
    await expectFault(run(provider), 'payment', /Add credits or a payment method/, server.key);
  });

  it('honours Retry-After and the throttle text, a bounded number of times', async () => {
    const { provider, server } = await setup();
    server.override('POST', /^\/v1\/predictions$/, () => ({ status: 429, json: { detail: 'Request was throttled. Your rate limit resets in ~4s.', status: 429 } }), 10);
    const error = await expectFault(run(provider), 'rate_limited', /Wait 4 s/, server.key);
    expect(error.retryAfterMs).toBe(4000);
    expect(server.requests('POST', /^\/v1\/predictions$/)).toHaveLength(3);
  });

  it('does not repeat a create after a 500; retries a poll at most three times', async () => {
    const { provider, server } = await setup({ pendingPolls: 1 });
    server.override('POST', /^\/v1\/predictions$/, () => ({ status: 500, body: 'Internal Server Error' }));
    await expectFault(run(provider), 'server', /server error/, server.key);
    expect(server.requests('POST', /^\/v1\/predictions$/)).toHaveLength(1);
    server.override('GET', /^\/v1\/predictions\//, () => ({ status: 502, body: '<html>Bad gateway</html>' }), 10);
    await expectFault(run(provider), 'server', /server error/, server.key);
    expect(server.requests('GET', /^\/v1\/predictions\//)).toHaveLength(3);
  });

  it('cancels the prediction when aborted during a hanging poll', async () => {
    const { provider, server } = await setup({ pendingPolls: 1 });
    server.override('GET', /^\/v1\/predictions\//, () => 'hang', 10);
    const controller = new AbortController();
    const pending = run(provider, controller.signal);
    await server.whenHung();
    controller.abort();
    await expectFault(pending, 'cancelled', /cancelled/, server.key);
    expect(server.requests('POST', /^\/v1\/predictions\/pred1\/cancel$/)).toHaveLength(1);
    expect(server.jobs.get('pred1')!.status).toBe('canceled');
  });

  it('gives up and cancels a prediction that outlives the deadline', async () => {
    const { provider, server } = await setup({ pendingPolls: 1, latencyMs: 600_000 }, { timeoutMs: 60_000, pollIntervalMs: 5000 });
    await expectFault(run(provider), 'timeout', /did not finish within/, server.key);
    expect(server.requests('GET', /^\/v1\/predictions\//).length).toBeLessThanOrEqual(13);
    expect(server.requests('POST', /\/cancel$/)).toHaveLength(1);
  });

  it('reports a failed prediction and an NSFW refusal', async () => {
    const { provider, server } = await setup({ outcome: 'failed', pendingPolls: 1 });
    await expectFault(run(provider), 'failed', /failed \(CUDA out of memory\)\. Try again/, server.key);
    server.state.outcome = 'nsfw';
    await expectFault(run(provider), 'refused', /safety checker refused.*change the prompt/, server.key);
  });

  it('reports an output URL that 404s (outputs expire), a malformed body and an output that is not an image', async () => {
    const { provider, server } = await setup();
    server.override('GET', /^\/delivery\//, () => ({ status: 404, body: 'not found' }));
    await expectFault(run(provider), 'not_found', /output image is gone/, server.key);
    expect(server.requests('GET', /^\/delivery\//)).toHaveLength(1);
    server.override('POST', /^\/v1\/predictions$/, () => ({ status: 201, body: '{"id": "pred9", "status":' }));
    await expectFault(run(provider), 'malformed', /not JSON/, server.key);
    server.override('GET', /^\/delivery\//, () => ({ body: '%PDF-1.4 ...' }));
    await expectFault(run(provider), 'bad_output', /returned PDF data instead of an image/, server.key);
  });

  it('tests the connection for free: the account and the pinned version', async () => {
    const { provider, server } = await setup();
    await expect(provider.testConnection()).resolves.toMatchObject({ ok: true, balance: null, message: expect.stringMatching(/as studio/) });
    expect(server.requests('POST', /./)).toHaveLength(0);
    const wrong = createReplicateProvider({ baseUrl: server.baseUrl, apiKey: () => server.key, model: 'fofr/sdxl-multi-controlnet-lora', version: 'b'.repeat(64), usdPerSecond: null, clock });
    await expect(wrong.testConnection()).resolves.toMatchObject({ ok: false, message: expect.stringMatching(/version ids/) });
  });

  it('reports the canonical init strength it really uses', async () => {
    const { provider } = await setup();
    expect(provider.effectiveParameters({ ...PARAMS, strength: 0.2004 })).toEqual(PARAMS);
  });
});
