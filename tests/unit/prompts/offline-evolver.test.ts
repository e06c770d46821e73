import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mixSeed, mulberry32 } from '../../../core/optimizer';
import type { EvolutionBrief } from '../../../core/prompts/brief';
import { checkVariant } from '../../../core/prompts/guardrails';
import { evolveOffline, phraseStatistics, type PhraseSample } from '../../../core/prompts/offline-evolver';
import { samePhrases, splitPhrases } from '../../../core/prompts/phrases';
import { repoRoot } from '../../helpers/service';

const vocabulary = JSON.parse(readFileSync(join(repoRoot, 'prompts', 'photorealism-vocabulary.json'), 'utf8'));
const v100 = JSON.parse(readFileSync(join(repoRoot, 'prompts', 'versions', 'v1.0.0.json'), 'utf8'));

// A simulated trainer: "soft shadows" adds a point, "8k" costs one, everything else is neutral.
function simulatedSamples(prompts: string[], perPrompt: number, seed: number): PhraseSample[] {
  const random = mulberry32(seed);
  const samples: PhraseSample[] = [];
  for (const prompt of prompts) {
    const phrases = splitPhrases(prompt);
    for (let i = 0; i < perPrompt; i++) {
      const taste = 3 + (phrases.includes('soft shadows') ? 1 : 0) - (phrases.includes('8k') ? 1 : 0);
      samples.push({ prompt, rating: Math.min(5, Math.max(1, Math.round(taste + (random() - 0.5)))) });
    }
  }
  return samples;
}

const brief = (prompt: string, known: string[] = []): EvolutionBrief => ({
  current_version: 'v1.0.0',
  current_prompt: prompt,
  current_negative_prompt: v100.leonardo.negative_prompt,
  rating: 3,
  sample_count: 20,
  issues: [{ issue: 'Lack of depth', count: 3 }],
  best_recent: null,
  worst_recent: null,
  known_prompts: known,
});

describe('phrase statistics', () => {
  it('credits the phrases the simulated trainer likes and blames the ones it dislikes', () => {
    const prompts = ['interior render, soft shadows', 'interior render, 8k', 'interior render, soft shadows, 8k', 'interior render'];
    const scores = phraseStatistics(simulatedSamples(prompts, 10, 7));
    expect(scores.get('soft shadows')!.score).toBeGreaterThan(0.5);
    expect(scores.get('8k')!.score).toBeLessThan(-0.5);
    // In every sample: nothing to compare with, so neutral rather than good.
    expect(scores.get('interior render')!.score).toBe(0);
    expect(scores.get('soft shadows')!.with).toBe(20);
  });
});

describe('offline evolver', () => {
  const current = v100.leonardo.prompt as string;
  const other = current.replace('8k, ', '');
  const samples = simulatedSamples([current, other], 10, 3);
  const versions = [
    { version: 'v1.0.0', prompt: current, negative_prompt: '', avg_rating: 2.5, sample_count: 10 },
    { version: 'v1.1.0', prompt: other, negative_prompt: '', avg_rating: 3.5, sample_count: 10 },
  ];
  const input = { brief: brief(current, [other]), samples, versions, vocabulary, seed: 11 };

  it('is deterministic for a seed and differs across seeds', () => {
    expect(evolveOffline(input)).toEqual(evolveOffline(input));
    const a = evolveOffline(input).map((v) => v.improved_prompt);
    const b = evolveOffline({ ...input, seed: 12 }).map((v) => v.improved_prompt);
    expect(a[1]).not.toBe(b[1]);
  });

  it('drops the weak phrase, keeps preservation phrases, adds vocabulary, and passes the guardrails', () => {
    const [first, second] = evolveOffline(input);
    for (const variant of [first!, second!]) {
      expect(splitPhrases(variant.improved_prompt)).not.toContain('8k');
      expect(variant.improved_prompt).toContain('preserve exact layout');
      expect(variant.changes).toContain('removed "8k"');
      expect(variant.reasoning).toMatch(/20 rated samples/);
      const verdict = checkVariant({
        prompt: variant.improved_prompt,
        negative_prompt: variant.improved_negative_prompt,
        current_prompt: current,
        known_prompts: [current, other],
      });
      expect(verdict).toEqual({ passed: true, reasons: [], warnings: [] });
    }
    expect(samePhrases(first!.improved_prompt, second!.improved_prompt)).toBe(false);
    const added = splitPhrases(second!.improved_prompt).filter((p) => !splitPhrases(current).includes(p));
    expect(added.length).toBeGreaterThanOrEqual(2);
    for (const phrase of added) expect(vocabulary.prompt).toContain(phrase);
  });

  it('with no ratings at all still proposes two new prompts from the vocabulary', () => {
    const fresh = evolveOffline({ brief: brief(current), samples: [], versions: [], vocabulary, seed: 5 });
    expect(fresh).toHaveLength(2);
    for (const v of fresh) expect(samePhrases(v.improved_prompt, current)).toBe(false);
  });

  it('never proposes again a phrase whose test showed no visible effect', () => {
    const added = (seed: number, ignored: string[]) =>
      evolveOffline({ brief: { ...brief(current), no_visible_effect: ignored }, samples: [], versions: [], vocabulary, seed }).flatMap((v) =>
        splitPhrases(v.improved_prompt).filter((p) => !splitPhrases(current).includes(p)),
      );
    // What the evolver would try first, across seeds, is what the generator was found to ignore.
    const usual = [...new Set([1, 2, 3, 4, 5].flatMap((seed) => added(seed, [])))];
    expect(usual.length).toBeGreaterThan(0);
    for (const seed of [1, 2, 3, 4, 5]) for (const p of added(seed, usual)) expect(usual).not.toContain(p);
  });
});

describe('the simulated run converges on the liked phrase', () => {
  it('keeps "soft shadows" and loses "8k" after a few offline generations', () => {
    let current = 'interior render, 8k, sharp focus, preserve exact layout';
    const history: string[] = [current];
    const samples: PhraseSample[] = [];
    for (let generation = 0; generation < 6; generation++) {
      samples.push(...simulatedSamples([current], 6, mixSeed(generation, 1)));
      const [, explore] = evolveOffline({
        brief: brief(current, history),
        samples,
        versions: [],
        vocabulary: { ...vocabulary, prompt: [...vocabulary.prompt, 'soft shadows'] },
        seed: generation,
      });
      samples.push(...simulatedSamples([explore!.improved_prompt], 6, mixSeed(generation, 2)));
      const mean = (p: string) => {
        const r = samples.filter((s) => s.prompt === p).map((s) => s.rating);
        return r.reduce((a, b) => a + b, 0) / r.length;
      };
      if (mean(explore!.improved_prompt) > mean(current)) current = explore!.improved_prompt;
      history.push(explore!.improved_prompt);
    }
    expect(splitPhrases(current)).not.toContain('8k');
    expect(current).toContain('preserve exact layout');
  });
});
