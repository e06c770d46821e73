import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createLeonardoProvider, type LeonardoConfig } from '../../../core/generation';
import { createFakeClock, type FakeClock } from '../../helpers/fake-clock';
import { expectFault, requestFor, writeSource } from '../../helpers/fake-providers/harness';
import { startFakeLeonardo, type FakeLeonardo } from '../../helpers/fake-providers/leonardo';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
let source: string;
let fake: FakeLeonardo;
let clock: FakeClock;
beforeAll(async () => {
  source = await writeSource(dir.path);
});
afterAll(() => dir.remove());
afterEach(async () => fake?.close());

const PARAMS = { api: 'leonardo', init_strength: 0.3, guidance_scale: 7.4, controlnet_weight: 0.9 } as const;

async function setup(options: Parameters<typeof startFakeLeonardo>[0] = {}, config: Partial<LeonardoConfig> = {}) {
  clock = createFakeClock();
  await fake?.close();
  fake = await startFakeLeonardo({ clock, ...options });
  const provider = createLeonardoProvider({
    baseUrl: fake.baseUrl,
    apiKey: () => fake.key,
    modelId: 'aa77f04e-3eec-4034-9c07-d0f619684628',
    modelFamily: 'sdxl',
    usdPerCredit: 0.002,
    clock,
    timeoutMs: 120_000,
    ...config,
  });
  return provider;
}

const run = (provider: ReturnType<typeof createLeonardoProvider>, signal?: AbortSignal) => clock.drive(provider.generate(requestFor(source, PARAMS, signal)));
const creates = () => fake.requests('POST', /\/generations$/).length;
const polls = () => fake.requests('GET', /\/generations\/gen-/).length;

describe('Leonardo adapter against a fake Leonardo', () => {
  it('uploads the init image, creates one generation with the canonical knobs mapped, polls until COMPLETE and keeps the image', async () => {
    const provider = await setup({ pendingPolls: 3, latencyMs: 9000 });
    const result = await run(provider);

    expect((await sharp(result.bytes).metadata()).format).toBe('png');
    expect(polls()).toBe(4);
    const upload = fake.requests('POST', /^\/s3\/upload\//)[0]!;
    expect(upload.headers.authorization).toBeUndefined();
    expect(upload.partOrder).toEqual(['key', 'Content-Type', 'Policy', 'X-Amz-Signature', 'file']);
    const sent = (await sharp(Buffer.from(await (upload.form!.get('file') as Blob).arrayBuffer())).metadata());
    expect([sent.width, sent.height]).toEqual([1024, 768]);

    const create = fake.requests('POST', /\/generations$/)[0]!;
    expect(create.headers.authorization).toBe(`Bearer ${fake.key}`);
    expect(create.json).toEqual({
      modelId: 'aa77f04e-3eec-4034-9c07-d0f619684628',
      prompt: 'photorealistic interior, oak floor',
      negative_prompt: 'cartoon, blurry',
      width: 1024,
      height: 768,
      num_images: 1,
      guidance_scale: 7,
      seed: 1234,
      alchemy: false,
      public: false,
      init_image_id: 'init-1',
      init_strength: 0.3,
      controlnets: [{ initImageId: 'init-1', initImageType: 'UPLOADED', preprocessorId: 20, weight: 0.9 }],
    });
    expect(result.details).toMatchObject({ job_id: 'gen-2', model: 'aa77f04e-3eec-4034-9c07-d0f619684628', request: create.json, api_credit_cost: 12 });
    expect(result.costUsd).toBeCloseTo(0.024, 10);
    expect(result.latencyMs).toBeGreaterThanOrEqual(9000);
    expect(JSON.stringify(result.details)).not.toContain(fake.key);
  });

  it('uses the Edge preprocessor of the model family when asked, and records an unknown price as null', async () => {
    const provider = await setup({}, { modelFamily: 'sd15', controlnet: 'edge', usdPerCredit: null });
    const result = await run(provider);
    expect((fake.requests('POST', /\/generations$/)[0]!.json as { controlnets: { preprocessorId: number }[] }).controlnets[0]!.preprocessorId).toBe(1);
    expect(result.details.cost_usd).toBeNull();
    expect(result.costUsd).toBe(0);
  });

  it('says what to do about a bad key, without retrying or leaking the key', async () => {
    const provider = await setup();
    fake.override('POST', /\/init-image$/, () => ({ status: 401, json: { error: `Invalid response from authorization hook for ${fake.key}`, path: '$', code: 'unexpected' } }));
    await expectFault(run(provider), 'auth', /Enter a valid Leonardo API key/, fake.key);
    expect(fake.requests('POST', /\/init-image$/)).toHaveLength(1);
  });

  it('refuses to start without a key', async () => {
    const provider = await setup({}, { apiKey: () => null });
    expect(provider.available()).toBe(false);
    await expectFault(run(provider), 'auth', /No Leonardo API key/, 'none');
    expect(fake.received).toHaveLength(0);
  });

  it('says the account is out of credits', async () => {
    const provider = await setup();
    fake.override('POST', /\/generations$/, () => ({ status: 402, json: { error: 'Not enough API tokens to perform this request', path: '$', code: 'unexpected' } }));
    await expectFault(run(provider), 'payment', /Top up the API plan/, fake.key);
    expect(creates()).toBe(1);
  });

  it('honours Retry-After on a 429 with a bounded number of tries, and hands the hint on', async () => {
    const provider = await setup();
    fake.override('POST', /\/generations$/, () => ({ status: 429, headers: { 'retry-after': '7' }, json: { error: 'rate limit exceeded' } }), 10);
    const started = clock.now();
    const error = await expectFault(run(provider), 'rate_limited', /Wait 7 s/, fake.key);
    expect(error.retryAfterMs).toBe(7000);
    expect(creates()).toBe(3);
    expect(clock.now() - started).toBeGreaterThanOrEqual(14_000);
  });

  it('waits out an HTTP-date Retry-After once, then succeeds', async () => {
    const provider = await setup();
    fake.override('POST', /\/generations$/, () => ({ status: 429, headers: { 'retry-after': new Date(clock.now() + 5000).toUTCString() }, json: { error: 'slow down' } }));
    const started = clock.now();
    await run(provider);
    expect(creates()).toBe(2);
    expect(clock.now() - started).toBeGreaterThanOrEqual(4000);
  });

  it('does not wait out a long Retry-After inside a generation', async () => {
    const provider = await setup();
    fake.override('POST', /\/generations$/, () => ({ status: 429, headers: { 'retry-after': '120' }, json: { error: 'slow down' } }), 10);
    const error = await expectFault(run(provider), 'rate_limited', /Wait 120 s/, fake.key);
    expect(error.retryAfterMs).toBe(120_000);
    expect(creates()).toBe(1);
  });

  it('does not repeat a paid create after a 500, but retries a poll a bounded number of times', async () => {
    const provider = await setup();
    fake.override('POST', /\/generations$/, () => ({ status: 500, json: { error: 'internal' } }));
    await expectFault(run(provider), 'server', /server error.*try again later/, fake.key);
    expect(creates()).toBe(1);

    fake.override('GET', /\/generations\/gen-/, () => ({ status: 503, body: 'upstream unavailable' }), 10);
    await expectFault(run(provider), 'server', /server error/, fake.key);
    expect(polls()).toBe(3);
  });

  it('on an abort while a poll hangs, stops and deletes the job', async () => {
    const provider = await setup();
    fake.override('GET', /\/generations\/gen-/, () => 'hang', 10);
    const controller = new AbortController();
    const pending = run(provider, controller.signal);
    await fake.whenHung();
    controller.abort();
    await expectFault(pending, 'cancelled', /cancelled/, fake.key);
    expect(fake.requests('DELETE', /\/generations\/gen-2$/)).toHaveLength(1);
    expect(fake.jobs.size).toBe(0);
  });

  it('gives up on a request that hangs past its deadline, and on a job that outlives the generation deadline', async () => {
    const provider = await setup({}, { requestTimeoutMs: 10_000, retry: { attempts: 1, baseDelayMs: 1000, maxWaitMs: 20_000 } });
    fake.override('GET', /\/generations\/gen-/, () => 'hang');
    const pending = run(provider);
    await fake.whenHung();
    clock.advance(10_000);
    await expectFault(pending, 'timeout', /did not answer GET .* within 10 s/, fake.key);
    expect(fake.requests('DELETE', /\/generations\//)).toHaveLength(1);

    const slow = await setup({ latencyMs: 10 * 60_000 }, { timeoutMs: 60_000, pollIntervalMs: 5000 });
    await expectFault(run(slow), 'timeout', /did not finish within/, fake.key);
    expect(polls()).toBeLessThanOrEqual(13);
    expect(fake.requests('DELETE', /\/generations\//)).toHaveLength(1);
  });

  it('reports a job that ends FAILED', async () => {
    const provider = await setup({ outcome: 'FAILED', pendingPolls: 1 });
    await expectFault(run(provider), 'failed', /status FAILED.*Try again/, fake.key);
  });

  it('reports an output URL that 404s, without retrying it', async () => {
    const provider = await setup();
    fake.override('GET', /^\/cdn\//, () => ({ status: 404, body: 'Not Found' }));
    await expectFault(run(provider), 'not_found', /output image is gone.*generate the option again/, fake.key);
    expect(fake.requests('GET', /^\/cdn\//)).toHaveLength(1);
  });

  it('reports a malformed body', async () => {
    const provider = await setup();
    fake.override('POST', /\/generations$/, () => ({ body: '<html><body>Bad gateway</body></html>', headers: { 'content-type': 'text/html' } }));
    await expectFault(run(provider), 'malformed', /not JSON/, fake.key);
    fake.override('GET', /\/generations\/gen-/, () => ({ json: { generations_by_pk: { id: 'x', status: 'DONE' } } }));
    await expectFault(run(provider), 'malformed', /shape this workstation does not understand/, fake.key);
  });

  it('refuses an output that is not an image', async () => {
    const provider = await setup();
    fake.override('GET', /^\/cdn\//, () => ({ body: 'Access denied', headers: { 'content-type': 'image/png' } }));
    await expectFault(run(provider), 'bad_output', /returned text instead of an image/, fake.key);
  });

  it('reports a moderation refusal, whether flagged on the image or refused at create', async () => {
    const provider = await setup({ outcome: 'NSFW' });
    await expectFault(run(provider), 'refused', /moderation refused.*change the prompt/, fake.key);
    expect(fake.requests('GET', /^\/cdn\//)).toHaveLength(0);
    fake.override('POST', /\/generations$/, () => ({ status: 400, json: { error: 'Prompt flagged by content moderation filter', path: '$', code: 'unexpected' } }));
    await expectFault(run(provider), 'refused', /moderation refused/, fake.key);
  });

  it('tests the connection with GET /me at no cost and shows the tokens left', async () => {
    const provider = await setup();
    await expect(provider.testConnection()).resolves.toEqual({ ok: true, message: expect.stringMatching(/Connected to Leonardo as studio/), balance: '3500 API tokens' });
    expect(fake.received.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/rest/v1/me']);
    const bad = createLeonardoProvider({ baseUrl: fake.baseUrl, apiKey: () => 'wrong-key-1234', modelId: 'm', modelFamily: 'sdxl', usdPerCredit: null, clock });
    const report = await bad.testConnection();
    expect(report).toMatchObject({ ok: false, balance: null, message: expect.stringMatching(/Enter a valid Leonardo API key/) });
    expect(report.message).not.toContain('wrong-key-1234');
  });

  it('reports the integer guidance it will really send', async () => {
    const provider = await setup();
    expect(provider.effectiveParameters(PARAMS)).toEqual({ ...PARAMS, guidance_scale: 7 });
  });
});
