import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalProvider } from '../../../core/generation';
import { clippedShare, decode, edgeCorrelation, highPassNoise, meanAbsDiff, sampleSource, type Pixels } from './measure';
import { localRequest, SEED_PROMPT, SEED_SETTINGS } from './request';

const provider = createLocalProvider();
let source: Awaited<ReturnType<typeof sampleSource>>;
let flat: Pixels;
beforeAll(async () => {
  source = await sampleSource();
  flat = await decode(source.file);
});
afterAll(() => source.cleanup());

const render = async (settings: Partial<typeof SEED_SETTINGS>, prompt: Partial<typeof SEED_PROMPT> = {}) =>
  decode((await provider.generate(localRequest(source.file, settings, prompt))).bytes);

// A patch of plain back wall beside the window in the living-room sample (flat in the source).
const WALL = [560, 250, 640, 310] as const;

describe('too much of a setting looks worse, as with real diffusion', () => {
  it('high strength with a loose ControlNet breaks the structure (edges move and double)', async () => {
    const moderate = edgeCorrelation(flat, await render({ init_strength: 0.25, controlnet_weight: 0.92 }));
    const wild = edgeCorrelation(flat, await render({ init_strength: 0.5, controlnet_weight: 0.7 }));
    expect(moderate).toBeGreaterThan(0.9);
    expect(wild).toBeLessThan(moderate - 0.2);
  });

  it('guidance 12 clips and oversaturates far more pixels than guidance 7', async () => {
    const at7 = clippedShare(await render({ init_strength: 0.3, guidance_scale: 7 }));
    const at12 = clippedShare(await render({ init_strength: 0.3, guidance_scale: 12 }));
    expect(at12).toBeGreaterThan(0.05);
    expect(at12).toBeGreaterThan(10 * at7);
  });

  it('ControlNet 0.99 mutes the effects: the output stays closer to the flat source than at 0.85', async () => {
    const loose = meanAbsDiff(flat, await render({ init_strength: 0.3, controlnet_weight: 0.85 }));
    const rigid = meanAbsDiff(flat, await render({ init_strength: 0.3, controlnet_weight: 0.99 }));
    expect(rigid).toBeLessThan(loose / 2);
  });

  it('init strength 0.1 leaves the flat look: closer to the source than 0.3', async () => {
    const timid = meanAbsDiff(flat, await render({ init_strength: 0.1 }));
    const bold = meanAbsDiff(flat, await render({ init_strength: 0.3 }));
    expect(timid).toBeLessThan(bold / 2);
  });

  it('init strength 0.5 puts grain on plain walls; "noisy, grainy" in the negative prompt cuts it', async () => {
    const negative = 'drawn, sketch, cartoon';
    const at03 = highPassNoise(await render({ init_strength: 0.3 }, { negative_prompt: negative }), ...WALL);
    const at05 = highPassNoise(await render({ init_strength: 0.5 }, { negative_prompt: negative }), ...WALL);
    const at05Denoised = highPassNoise(await render({ init_strength: 0.5 }, { negative_prompt: `${negative}, noisy, grainy` }), ...WALL);
    expect(highPassNoise(flat, ...WALL)).toBeLessThan(0.5);
    expect(at05).toBeGreaterThan(3 * at03);
    expect(at05Denoised).toBeLessThan(at05 / 2);
  });
});
