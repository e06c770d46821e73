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
