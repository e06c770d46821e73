import { describe, expect, it } from 'vitest';
import { planEnhancement, type LocalParameters } from '../../../core/generation';
import { SEED_SETTINGS } from './request';

const plan = (settings: Partial<LocalParameters> = {}, prompt = '', negative = '') =>
  planEnhancement({ ...SEED_SETTINGS, ...settings }, { prompt, negative_prompt: negative });

describe('planEnhancement: prompt phrases', () => {
  it.each<[string, keyof ReturnType<typeof plan>]>([
    ['natural lighting', 'light'],
    ['soft daylight', 'light'],
    ['global illumination', 'light'],
    ['sharp focus', 'sharpen'],
    ['8K', 'sharpen'],
    ['highly detailed', 'sharpen'],
    ['depth of field', 'depth'],
    ['ambient occlusion', 'shading'],
    ['HDR', 'hdr'],
    ['high dynamic range', 'hdr'],
    ['realistic textures on all surfaces', 'texture'],
    ['vibrant', 'saturation'],
    ['film grain', 'grain'],
  ])('"%s" raises %s', (phrase, effect) => {
    expect(plan({}, `interior, ${phrase}`)[effect]).toBeGreaterThan(plan({}, 'interior')[effect] as number);
  });

  it('turns white balance warm for "golden hour" and cool for "cool"', () => {
    expect(plan({}, 'golden hour').warmth).toBeGreaterThan(0);
    expect(plan({}, 'cool tones').warmth).toBeLessThan(0);
    expect(plan({}, '').warmth).toBe(0);
  });

  it('matches whole words only, so "sharpened" is not "sharp" and "warmth" is not "warm"', () => {
    expect(plan({}, 'sharpened').matched.prompt).toEqual([]);
    expect(plan({}, 'warmth').warmth).toBe(0);
  });

  it('reports which phrases it recognised', () => {
    expect(plan({}, 'Natural Lighting, 8k', 'noisy').matched).toEqual({ prompt: ['natural lighting', '8k'], negative: ['noisy'] });
  });

  it('saturates when one effect is asked for many times', () => {
    const once = plan({}, 'natural lighting').light;
    const thrice = plan({}, 'natural lighting, soft daylight, global illumination, sunlight').light;
    expect(thrice).toBeLessThan(3 * once);
  });
});

describe('planEnhancement: negative phrases', () => {
  it('"noisy" and "grainy" cut the grain of a high init strength', () => {
    expect(plan({ init_strength: 0.5 }, '', 'noisy, grainy').grain).toBeLessThan(plan({ init_strength: 0.5 }).grain / 2);
  });

  it('"blurry" adds crispness and cuts depth blur and smears', () => {
    const base = plan({ init_strength: 0.5 }, 'depth of field');
    const crisp = plan({ init_strength: 0.5 }, 'depth of field', 'blurry');
    expect(crisp.sharpen).toBeGreaterThan(base.sharpen);
    expect(crisp.depth).toBeLessThan(base.depth);
    expect(crisp.smear).toBeLessThan(base.smear);
  });

  it('"oversaturated" and "cartoon" restrain saturation, also the overdrive of high guidance', () => {
    expect(plan({ guidance_scale: 12 }, '', 'oversaturated').saturation).toBeLessThan(plan({ guidance_scale: 12 }).saturation);
    expect(plan({}, 'vibrant', 'cartoon').saturation).toBeLessThan(plan({}, 'vibrant').saturation);
  });

  it('"distorted" and "warped" cut structure drift and ghosting', () => {
    const loose = { init_strength: 0.5, controlnet_weight: 0.7 };
    expect(plan(loose, '', 'distorted, warped').drift).toBeLessThan(plan(loose).drift);
    expect(plan(loose, '', 'distorted, warped').ghosting).toBeLessThan(plan(loose).ghosting);
  });

  it('weighs the negative prompt more at higher guidance', () => {
    const cut = (guidance_scale: number) => plan({ init_strength: 0.5, guidance_scale }, '', 'noisy').grain / plan({ init_strength: 0.5, guidance_scale }).grain;
    expect(cut(10)).toBeLessThan(cut(6));
  });
});

describe('planEnhancement: parameters', () => {
  const prompt = 'natural lighting, sharp focus';

  it('init strength sets the reach; artefacts only appear above 0.3', () => {
    expect(plan({ init_strength: 0.1 }, prompt).light).toBeLessThan(plan({ init_strength: 0.3 }, prompt).light / 3);
    expect(plan({ init_strength: 0.3 }).smear).toBe(0);
    expect(plan({ init_strength: 0.3 }).grain).toBe(0);
    expect(plan({ init_strength: 0.5 }).smear).toBeGreaterThan(0.3);
    expect(plan({ init_strength: 0.5 }).grain).toBeGreaterThan(5);
  });

  it('guidance pushes the prompt, and past ~8.5 overdrives contrast, saturation and halos', () => {
    expect(plan({ guidance_scale: 10 }, prompt).light).toBeGreaterThan(plan({ guidance_scale: 6 }, prompt).light);
    expect(plan({ guidance_scale: 8 }).overdrive).toBe(0);
    expect(plan({ guidance_scale: 12 }).overdrive).toBeGreaterThan(0.4);
    expect(plan({ guidance_scale: 12 }).sharpenRadius).toBeGreaterThan(2.5 * plan({ guidance_scale: 7 }).sharpenRadius);
  });

  it('a loose ControlNet with high strength drifts and ghosts; 0.99 holds the structure', () => {
    expect(plan({ init_strength: 0.5, controlnet_weight: 0.7 }).drift).toBeGreaterThan(10);
    expect(plan({ init_strength: 0.5, controlnet_weight: 0.7 }).ghosting).toBeGreaterThan(0.3);
    expect(plan({ init_strength: 0.5, controlnet_weight: 0.99 }).drift).toBe(0);
  });

  it('ControlNet near 0.99 mutes the effects', () => {
    expect(plan({ init_strength: 0.3, controlnet_weight: 0.99 }, prompt).light).toBeLessThan(plan({ init_strength: 0.3, controlnet_weight: 0.9 }, prompt).light / 3);
  });
});
