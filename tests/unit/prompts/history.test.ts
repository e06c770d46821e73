import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvolutionBrief } from '../../../core/prompts/brief';
import { phraseOutcomes, sortHistory, wonAndLost, type TestedVersion } from '../../../core/prompts/history';
import { userMessage } from '../../../core/prompts/llm-evolver';
import { evolveOffline } from '../../../core/prompts/offline-evolver';
import { splitPhrases } from '../../../core/prompts/phrases';
import { repoRoot } from '../../helpers/service';

// The evolver's scored history: each paired test credits the phrases its candidate added (+) or
// removed (−) with its mean difference, shared between them.

const vocabulary = JSON.parse(readFileSync(join(repoRoot, 'prompts', 'photorealism-vocabulary.json'), 'utf8'));
const base = 'photorealistic interior render, 8k, soft shadows, preserve exact layout';
const history: TestedVersion[] = [
  { version: 'v1.1.0', prompt: `${base}, ambient occlusion`, baseline_version: 'v1.0.0', baseline_prompt: base, mean_difference: 0.8, verdict: 'candidate_better' },
  { version: 'v1.2.0', prompt: base.replace(', 8k', '') + ', film grain', baseline_version: 'v1.0.0', baseline_prompt: base, mean_difference: 0.4, verdict: 'undecided' },
  { version: 'v1.3.0', prompt: `${base}, high dynamic range`, baseline_version: 'v1.0.0', baseline_prompt: base, mean_difference: -0.6, verdict: 'keep_current' },
];

describe('scored history', () => {
  it('sorts best first and credits added and removed phrases with their share of the difference', () => {
    expect(sortHistory([history[2]!, history[0]!, history[1]!]).map((t) => t.version)).toEqual(['v1.1.0', 'v1.2.0', 'v1.3.0']);
    const outcomes = phraseOutcomes(history);
    expect(outcomes.get('ambient occlusion')).toEqual({ phrase: 'ambient occlusion', won: 1, lost: 0, effect: 0.8 });
    expect(outcomes.get('8k')!.effect).toBeCloseTo(-0.2, 10);
    expect(outcomes.get('film grain')!.effect).toBeCloseTo(0.2, 10);
    expect(wonAndLost(history)).toEqual({ won: ['ambient occlusion', 'film grain'], lost: ['high dynamic range', '8k'] });
  });

  const brief: EvolutionBrief = {
    current_version: 'v1.0.0',
    current_prompt: base,
    current_negative_prompt: 'blurry',
    rating: 2,
    sample_count: 20,
    issues: [],
    best_recent: null,
    worst_recent: null,
    known_prompts: [base, ...history.map((h) => h.prompt)],
    history,
  };

  it('the LLM is told the scored history best first, and the phrases that won or lost', () => {
    const told = JSON.parse(userMessage(brief, 0));
    expect(told.scored_history.map((t: { version: string }) => t.version)).toEqual(['v1.1.0', 'v1.2.0', 'v1.3.0']);
    expect(told.scored_history[0]).toMatchObject({ against: 'v1.0.0', mean_rating_difference: 0.8, verdict: 'candidate_better' });
    expect(told.phrases_that_won).toEqual(['ambient occlusion', 'film grain']);
    expect(told.phrases_that_lost).toEqual(['high dynamic range', '8k']);
  });

  it('the offline evolver keeps what won, drops what lost, and does not retry a losing phrase', () => {
    const variants = evolveOffline({ brief, samples: [], versions: [], vocabulary, seed: 1 });
    const first = splitPhrases(variants[0]!.improved_prompt);
    expect(first).toContain('ambient occlusion');
    expect(first).not.toContain('8k');
    for (const v of variants) expect(splitPhrases(v.improved_prompt)).not.toContain('high dynamic range');
  });
});
