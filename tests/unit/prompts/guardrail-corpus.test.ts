import { describe, expect, it } from 'vitest';
import { deterministicRefuses, loadCorpus, score } from '../../../bench/guardrails-corpus';

// The targets of the deterministic layer on the labelled corpus: at least 97 % of the phrases that
// change the room refused, at most 3 % of the quality-only phrases refused.

const corpus = loadCorpus();

describe('guardrail corpus', () => {
  it('holds at least 300 phrases, half of each label, with non-English ones and every split', () => {
    const content = corpus.filter((e) => e.label === 'content').length;
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    expect(Math.abs(content - (corpus.length - content))).toBeLessThanOrEqual(corpus.length * 0.05);
    expect(corpus.filter((e) => e.lang).length).toBeGreaterThanOrEqual(8);
    expect(new Set(corpus.map((e) => e.split))).toEqual(new Set(['development', 'held_out', 'fresh']));
  });

  it('the deterministic layer meets the targets on the whole corpus', () => {
    const result = score(corpus, (e) => deterministicRefuses(e.text).refused);
    expect(result.contentRefused, `missed: ${result.missed.map((e) => e.text).join(' | ')}`).toBeGreaterThanOrEqual(0.97);
    expect(result.qualityRefused, `wrongly refused: ${result.wronglyRefused.map((e) => e.text).join(' | ')}`).toBeLessThanOrEqual(0.03);
  });

  it('the deterministic layer meets the targets on the held-out half it was not tuned on', () => {
    const result = score(corpus.filter((e) => e.split === 'held_out'), (e) => deterministicRefuses(e.text).refused);
    expect(result.contentRefused).toBeGreaterThanOrEqual(0.97);
    expect(result.qualityRefused).toBeLessThanOrEqual(0.03);
  });
});
