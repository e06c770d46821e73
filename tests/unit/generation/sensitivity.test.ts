import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalProvider } from '../../../core/generation';
import { jpegNoiseFloor, lookDiff, sampleSource } from './measure';
import { localRequest, SEED_PROMPT, SEED_SETTINGS } from './request';

const provider = createLocalProvider();
let source: Awaited<ReturnType<typeof sampleSource>>;
let baseline: Buffer;
beforeAll(async () => {
  source = await sampleSource();
  baseline = (await provider.generate(localRequest(source.file))).bytes;
});
afterAll(() => source.cleanup());

// One 8-bit level of mean difference over the whole (downscaled) image: a tone or colour shift a
// trainer sees when flicking between A and B. The first test checks that this is far above what
// JPEG encoding alone changes, so no effect passes on compression noise.
const VISIBLE_LEVELS = 1;

describe('every input changes the output visibly', () => {
  it('uses a threshold well above JPEG noise', async () => {
    expect(await jpegNoiseFloor(baseline)).toBeLessThan(VISIBLE_LEVELS / 5);
  });

  it.each<[string, Partial<typeof SEED_SETTINGS>, Partial<typeof SEED_PROMPT>]>([
    ['init strength 0.25 → 0.35', { init_strength: 0.35 }, {}],
    ['guidance 7 → 9', { guidance_scale: 9 }, {}],
    ['ControlNet weight 0.92 → 0.8', { controlnet_weight: 0.8 }, {}],
    ['prompt + "warm golden hour"', {}, { prompt: `${SEED_PROMPT.prompt}, warm golden hour` }],
    ['prompt + "HDR"', {}, { prompt: `${SEED_PROMPT.prompt}, HDR` }],
    ['negative prompt + "dark"', {}, { negative_prompt: `${SEED_PROMPT.negative_prompt}, dark` }],
  ])('%s', async (_, settings, prompt) => {
    const changed = (await provider.generate(localRequest(source.file, settings, prompt))).bytes;
    expect(await lookDiff(baseline, changed)).toBeGreaterThan(VISIBLE_LEVELS);
  });

  it('ignores case in prompt phrases', async () => {
    const lower = (await provider.generate(localRequest(source.file, {}, { prompt: 'natural lighting, hdr' }))).bytes;
    const upper = (await provider.generate(localRequest(source.file, {}, { prompt: 'Natural Lighting, HDR' }))).bytes;
    expect(lower.equals(upper)).toBe(true);
  });
});
