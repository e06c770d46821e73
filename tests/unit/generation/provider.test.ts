import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type Parameters } from '../../../core/api';
import { createLocalProvider } from '../../../core/generation';
import { lookDiff, sampleSource } from './measure';
import { localRequest } from './request';

const provider = createLocalProvider();
let source: Awaited<ReturnType<typeof sampleSource>>;
beforeAll(async () => (source = await sampleSource()));
afterAll(() => source.cleanup());

describe('local provider', () => {
  it('says it is offline and not a diffusion model', () => {
    expect(provider.id).toBe('local');
    expect(provider.label).toMatch(/not a diffusion model/);
    expect(provider.available()).toBe(true);
  });

  it('gives byte-identical output for the same request and seed', async () => {
    const first = await provider.generate(localRequest(source.file));
    const second = await provider.generate(localRequest(source.file));
    expect(first.bytes.equals(second.bytes)).toBe(true);
    expect(first.costUsd).toBe(0);
    expect(first.details).toMatchObject({ width: 1024, height: 768 });
  });

  it('lets the seed change only small things', async () => {
    const a = (await provider.generate(localRequest(source.file, {}, {}, 1))).bytes;
    const b = (await provider.generate(localRequest(source.file, {}, {}, 2))).bytes;
    const pushed = (await provider.generate(localRequest(source.file, { guidance_scale: 9 }, {}, 1))).bytes;
    expect(a.equals(b)).toBe(false);
    // Different seeds, same look: guidance 7 → 9 (a step the optimizer takes) moves the look far more.
    expect(await lookDiff(a, b)).toBeLessThan((await lookDiff(a, pushed)) / 3);
  });

  it('returns a JPEG downscaled to 1024 px on the long edge', async () => {
    const big = path.join(path.dirname(source.file), 'big.png');
    await sharp(source.file).resize(2048, 1536).toFile(big);
    const result = await provider.generate(localRequest(big));
    const meta = await sharp(result.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1024, 768]);
  });

  it('handles a greyscale PNG with alpha (flattened, three channels out)', async () => {
    const grey = path.join(path.dirname(source.file), 'grey.png');
    await writeFile(grey, await sharp(source.file).resize(300, 200).greyscale().ensureAlpha(0.5).png().toBuffer());
    const meta = await sharp((await provider.generate(localRequest(grey))).bytes).metadata();
    expect([meta.width, meta.height, meta.channels]).toEqual([300, 200, 3]);
  });

  it.each<[string, unknown]>([
    ['Stable Diffusion parameters', { api: 'stablediffusion', strength: 0.2, guidance_scale: 7.5, controlnet_conditioning_scale: 0.95 }],
    ['Leonardo parameters', { api: 'leonardo', init_strength: 0.25, guidance_scale: 7, controlnet_weight: 0.92 }],
    ['an init strength outside [0.1, 0.5]', { api: 'local', init_strength: 0.9, guidance_scale: 7, controlnet_weight: 0.92 }],
    ['a missing ControlNet weight', { api: 'local', init_strength: 0.25, guidance_scale: 7 }],
  ])('refuses %s with generation_failed and says what it needs', async (_, parameters) => {
    const request = { ...localRequest(source.file), parameters: parameters as Parameters };
    const error = await provider.generate(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'generation_failed' });
    expect((error as ApiError).message).toMatch(/needs \{ api: "local", init_strength, guidance_scale, controlnet_weight \}/);
  });

  it('names the bad field when a value is out of range', async () => {
    const request = { ...localRequest(source.file), parameters: { api: 'local', init_strength: 0.9, guidance_scale: 7, controlnet_weight: 0.92 } as Parameters };
    await expect(provider.generate(request)).rejects.toThrow(/init_strength: init_strength must lie in \[0\.1, 0\.5\]/);
  });

  it('fails with generation_failed when the source image is missing', async () => {
    const request = localRequest(path.join(path.dirname(source.file), 'gone.png'));
    await expect(provider.generate(request)).rejects.toMatchObject({ code: 'generation_failed', message: expect.stringMatching(/could not read/) });
  });

  it('stops when the request is aborted', async () => {
    const request = { ...localRequest(source.file), signal: AbortSignal.abort() };
    await expect(provider.generate(request)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
