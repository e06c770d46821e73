import { describe, expect, it } from 'vitest';
import { estimateClipTokens } from '../../../core/prompts/clip-tokens';
import { checkVariant, preservationBreach } from '../../../core/prompts/guardrails';

const current = 'photorealistic interior render, soft shadows, preserve exact layout, preserve exact materials and colors';
const check = (prompt: string, negative = 'blurry, cartoon', known: string[] = [current]) =>
  checkVariant({ prompt, negative_prompt: negative, current_prompt: current, known_prompts: known });

describe('guardrails', () => {
  it('passes a variant that only changes rendering quality', () => {
    expect(check(`${current}, ambient occlusion, depth of field`)).toEqual({ passed: true, reasons: [], warnings: [] });
  });

  it('rejects changes to layout, shapes, materials or colours (the seed\'s preservation rules)', () => {
    expect(preservationBreach('replace the sofa with a sectional')).toMatch(/change the layout/);
    expect(preservationBreach('rearrange furniture for flow')).toMatch(/change the layout/);
    expect(preservationBreach('marble floor')).toMatch(/material/);
    expect(preservationBreach('red accent walls')).toMatch(/colour/);
    expect(preservationBreach('preserve exact materials and colors')).toBeNull();
    expect(preservationBreach('detailed materials')).toBeNull();
    expect(preservationBreach('soft daylight')).toBeNull();
    const verdict = check(`${current}, modern white cabinets`);
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons.join()).toMatch(/"modern white cabinets"/);
    expect(check(current.replace(', preserve exact layout', ', ambient occlusion')).reasons).toContain('the preservation phrase "preserve exact layout" was dropped');
    expect(check(`${current}, ambient occlusion`, 'wooden floor, blurry').reasons.join()).toMatch(/negative prompt "wooden floor"/);
  });

  it('rejects an empty or duplicate prompt', () => {
    expect(check('  , ,')).toEqual({ passed: false, reasons: ['the prompt is empty'], warnings: [] });
    const reordered = 'preserve exact layout, soft shadows, Photorealistic interior render, preserve exact materials and colors';
    expect(check(reordered).reasons).toEqual(['the prompt duplicates an existing version (same phrases)']);
  });

  it('rejects past a provider\'s limit and names the cut-off point of the 77-token CLIP window', () => {
    const long = `${current}, ${Array.from({ length: 40 }, (_, i) => `detail${String.fromCharCode(97 + (i % 26))} light`).join(', ')}`;
    const verdict = check(long);
    expect(verdict.passed).toBe(false);
    const clip = verdict.reasons.find((r) => r.includes('CLIP'))!;
    const cut = estimateClipTokens(long).cutAt!;
    expect(clip).toContain(`everything from "${long.slice(cut, cut + 40)}`);
    expect(check(`${current}, ${'x'.repeat(1500)}`).reasons.join()).toMatch(/1500/);
  });

  it('estimates CLIP tokens: words, digits one by one, punctuation runs', () => {
    // "8k" is a digit and a letter run (2), "," is one, "photorealistic" 14 letters = 2.
    expect(estimateClipTokens('8k, photorealistic').tokens).toBe(5);
    expect(estimateClipTokens('word '.repeat(75)).cutAt).toBeNull();
    expect(estimateClipTokens('word '.repeat(76)).cutAt).toBe(75 * 5);
  });
});

describe('guardrails judge the meaning of each change', () => {
  const seed = 'ultra-realistic, photorealistic interior design render, 8k, sharp focus, realistic textures on all surfaces, natural lighting, soft shadows, global illumination, depth, preserve exact layout, preserve exact materials and colors';
  const judge = (prompt: string, negative = '') => checkVariant({ prompt, negative_prompt: negative, current_prompt: seed, current_negative_prompt: '', known_prompts: [seed] });

  it.each([
    'keep the layout but make the sofa red leather',
    'same room with a red velvet sofa instead',
    'make the room bigger, add a fireplace',
    'knock down the wall between kitchen and living room',
    'crimson sofa',
    'scandinavian style furniture',
    'modern minimalist redesign',
    'preserve the layout and add a rug',
    'keep everything the same except the sofa, which should be blue',
  ])('refuses "%s", although it is phrased politely', (phrase) => {
    const verdict = judge(`${seed}, ${phrase}`);
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons.join()).toMatch(/would change|preservation rules/);
  });

  it.each([
    'accurate colour rendition of the room',
    'accurate reflections in the window glass',
    'sunlight on the wooden floor',
    'remove noise from the walls',
    'keep the layout but make the lighting more natural',
    'replace the flat lighting with soft daylight',
    'realistic sheen on the leather sofa',
  ])('passes "%s", which only asks for rendering quality', (phrase) => {
    expect(judge(`${seed}, ${phrase}`)).toEqual({ passed: true, reasons: [], warnings: [] });
  });

  it('does not count a spelling variant or a reordering as dropping a preservation phrase', () => {
    const colours = seed.replace('materials and colors', 'materials and colours');
    expect(judge(`${colours}, ambient occlusion`)).toEqual({ passed: true, reasons: [], warnings: [] });
    const reordered = seed.replace('preserve exact materials and colors', 'preserve exact colours and materials').replace('preserve exact layout', 'preserve the exact layout');
    expect(judge(`${reordered}, ambient occlusion`).passed).toBe(true);
    expect(judge(`${seed.replace(', preserve exact materials and colors', '')}, ambient occlusion`).reasons).toEqual([
      'the preservation phrase "preserve exact materials and colors" was dropped',
    ]);
  });

  it('judges only the phrases that changed, so an existing phrase is not judged again', () => {
    const current = `${seed}, oak floor`;
    expect(checkVariant({ prompt: `${current}, ambient occlusion`, negative_prompt: '', current_prompt: current, known_prompts: [current] }).passed).toBe(true);
  });

  it('refuses a phrase in another language unless every word is a known rendering term, and says so', () => {
    const sofa = judge(`${seed}, canapé en cuir rouge`);
    expect(sofa.passed).toBe(false);
    expect(sofa.reasons[0]).toMatch(/"canapé en cuir rouge" is not in English; these guardrails cannot judge/);
    expect(judge(`${seed}, rotes Ledersofa`).passed).toBe(false);
    const light = judge(`${seed}, éclairage naturel`);
    expect(light.passed).toBe(true);
    expect(light.warnings[0]).toMatch(/not English; it passed because every word is a known rendering term/);
  });

  it('reads the negative prompt as "no …": suppressing noise passes, suppressing the rug does not', () => {
    expect(judge(`${seed}, ambient occlusion`, 'blurry, noisy, colour cast, plastic').passed).toBe(true);
    expect(judge(`${seed}, ambient occlusion`, 'blurry, rug').reasons).toEqual(['the negative prompt "rug" would suppress elements, materials or colours of the render']);
  });

  it('names the clause that changes content inside a longer phrase', () => {
    expect(preservationBreach('keep the layout but make the sofa red leather')).toMatch(/\(in "make the sofa red leather"\)/);
  });
});
