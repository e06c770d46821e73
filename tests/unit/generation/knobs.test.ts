import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARAMETER_RANGES } from '../../../core/api';
import { denoiseEffective, denoiseKnobs, denoiseKnobsFor, knobsOf, leonardoEffective, leonardoKnobs } from '../../../core/generation';

const { init_strength: I, guidance_scale: G, controlnet_weight: C } = PARAMETER_RANGES;
const knobsArb = fc.record({
  init_strength: fc.double({ min: I.min, max: I.max, noNaN: true }),
  guidance_scale: fc.double({ min: G.min, max: G.max, noNaN: true }),
  controlnet_weight: fc.double({ min: C.min, max: C.max, noNaN: true }),
});

describe('one meaning per knob', () => {
  it('reads the seed names of every provider as the same canonical knobs', () => {
    expect(knobsOf({ api: 'leonardo', init_strength: 0.25, guidance_scale: 7, controlnet_weight: 0.92 })).toEqual({ init_strength: 0.25, guidance_scale: 7, controlnet_weight: 0.92 });
    expect(knobsOf({ api: 'stablediffusion', strength: 0.2, guidance_scale: 7.5, controlnet_conditioning_scale: 0.95 })).toEqual({ init_strength: 0.2, guidance_scale: 7.5, controlnet_weight: 0.95 });
  });

  it('maps the seed values as the README table says', () => {
    expect(leonardoKnobs({ init_strength: 0.25, guidance_scale: 7.5, controlnet_weight: 0.92 })).toEqual({ init_strength: 0.25, guidance_scale: 8, weight: 0.92 });
    expect(denoiseKnobs({ init_strength: 0.2, guidance_scale: 7.5, controlnet_weight: 0.95 })).toEqual({ denoise: 0.8, cfg: 7.5, controlnet: 0.95 });
    expect(denoiseKnobs({ init_strength: 0.2, guidance_scale: 7.5, controlnet_weight: 0.9 }, 2)).toMatchObject({ controlnet: 1.8 });
  });

  it('runs denoising the other way: a higher canonical init strength gives a lower denoise and a higher Leonardo init_strength', () => {
    fc.assert(
      fc.property(knobsArb, fc.double({ min: 0.01, max: 0.3, noNaN: true }), (knobs, step) => {
        const closer = { ...knobs, init_strength: Math.min(I.max, knobs.init_strength + step) };
        fc.pre(closer.init_strength - knobs.init_strength > 0.002);
        expect(denoiseKnobs(closer).denoise).toBeLessThan(denoiseKnobs(knobs).denoise);
        expect(leonardoKnobs(closer).init_strength).toBeGreaterThan(leonardoKnobs(knobs).init_strength);
        const sum = denoiseKnobs(knobs).denoise + knobs.init_strength;
        expect(sum).toBeCloseTo(1, 2);
      }),
    );
  });

  it('keeps every mapped value inside the provider ranges (Leonardo integer guidance 1–20, init 0.1–0.9; denoise 0–1)', () => {
    fc.assert(
      fc.property(knobsArb, (knobs) => {
        const leo = leonardoKnobs(knobs);
        expect(Number.isInteger(leo.guidance_scale)).toBe(true);
        expect(leo.guidance_scale).toBeGreaterThanOrEqual(1);
        expect(leo.guidance_scale).toBeLessThanOrEqual(20);
        expect(leo.init_strength).toBeGreaterThanOrEqual(0.1);
        expect(leo.init_strength).toBeLessThanOrEqual(0.9);
        const sd = denoiseKnobs(knobs);
        expect(sd.denoise).toBeGreaterThanOrEqual(0);
        expect(sd.denoise).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('reports the values a provider really uses: integer guidance for Leonardo, the canonical value back from the denoise sent', () => {
    expect(leonardoEffective({ api: 'leonardo', init_strength: 0.3, guidance_scale: 7.6, controlnet_weight: 0.9 })).toEqual({ api: 'leonardo', init_strength: 0.3, guidance_scale: 8, controlnet_weight: 0.9 });
    expect(denoiseEffective({ api: 'stablediffusion', strength: 0.2004, guidance_scale: 7.55, controlnet_conditioning_scale: 0.95 })).toEqual({ api: 'stablediffusion', strength: 0.2, guidance_scale: 7.55, controlnet_conditioning_scale: 0.95 });
  });

  it('gives a denoising provider only the options made for it, scaled to its ControlNet range', () => {
    const comfyui = { api: 'comfyui', label: 'ComfyUI' } as const;
    expect(denoiseKnobsFor(comfyui, { api: 'comfyui', init_strength: 0.25, guidance_scale: 7, controlnet_weight: 0.9 }, 2)).toEqual({ denoise: 0.75, cfg: 7, controlnet: 1.8 });
    expect(() => denoiseKnobsFor(comfyui, { api: 'automatic1111', init_strength: 0.25, guidance_scale: 7, controlnet_weight: 0.9 })).toThrow(/ComfyUI was given parameters for "automatic1111"/);
  });
});
