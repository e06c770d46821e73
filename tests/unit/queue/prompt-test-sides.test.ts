import { afterAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../core/api';
import type { GenerationProvider } from '../../../core/generation';
import type { QueueDeps } from '../../../core/queue';
import { createPairMaker } from '../../../core/queue/pair';
import { openStore } from '../../../core/store';
import { fakeSha } from '../../helpers/store';
import { tempDir } from '../../helpers/temp';

// A prompt's paired test shows the candidate on a side drawn per pair, so trainers cannot learn that
// the new prompt is always B, and the test still reads each version's rating by its prompt.
const dir = tempDir();
afterAll(() => dir.remove());

describe('prompt-test pairs', () => {
  it('put the candidate on either side and are read by version, whichever side it was shown on', () => {
    const store = openStore(`${dir.path}/sides.sqlite`);
    const source = fakeSha('c');
    store.images.recordSource({ sha256: source, mime: 'image/png', width: 8, height: 6, bytes: 100 }, 'room');
    let n = 0;
    const local = { effectiveParameters: (p: unknown) => p } as unknown as GenerationProvider;
    const makePair = createPairMaker({
      store,
      seed: 42,
      newId: (prefix: string) => `${prefix}_${n++}`,
      providers: new Map<ProviderId, GenerationProvider>([['local', local]]),
      proposer: {
        name: 'fixed',
        proposePair: () => [
          { point: { provider: 'local', init_strength: 0.2, guidance_scale: 7, controlnet_weight: 0.9 }, origin: 'optimizer' },
          { point: { provider: 'local', init_strength: 0.4, guidance_scale: 9, controlnet_weight: 0.7 }, origin: 'optimizer' },
        ],
      },
      promptTest: () => ({ baseline: 'v1.0.0', candidate: 'v1.1.0' }),
      promptFor: () => ({ version: 'v1.0.0', prompt: 'photorealistic interior', negative_prompt: '' }),
    } as unknown as QueueDeps);

    const sides: string[] = [];
    for (let i = 0; i < 40; i++) {
      const experiment = makePair(source, 'structure', 0, ['local']);
      const [a, b] = experiment.options;
      if (a!.origin !== 'prompt-test') continue;
      expect([a!.prompt_version, b!.prompt_version].sort()).toEqual(['v1.0.0', 'v1.1.0']);
      expect(b!.parameters).toEqual(a!.parameters);
      const candidate = a!.prompt_version === 'v1.1.0' ? 'A' : 'B';
      sides.push(candidate);
      // The trainer prefers the candidate, 5 against 2, wherever it is.
      store.experiments.finishGeneration(experiment.id, null);
      store.ratings.rate({
        id: `rat_${i}`,
        experiment_id: experiment.id,
        rated_by: 'ana@studio',
        outcome: candidate,
        rating_a: candidate === 'A' ? 5 : 2,
        comment_a: '',
        rating_b: candidate === 'B' ? 5 : 2,
        comment_b: '',
        shown_at: null,
        answered_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        details_shown: 0,
      });
    }
    // Every other new pair is a test pair; a seeded coin spreads the candidate over both sides.
    expect(sides).toHaveLength(20);
    expect(sides.filter((s) => s === 'A').length).toBeGreaterThanOrEqual(5);
    expect(sides.filter((s) => s === 'B').length).toBeGreaterThanOrEqual(5);

    const pairs = store.prompts.testPairs('v1.0.0', 'v1.1.0');
    expect(pairs.map((p) => p.candidate_side)).toEqual(sides);
    expect(pairs.every((p) => p.rating_a === 2 && p.rating_b === 5 && p.outcome === 'B')).toBe(true);
    store.close();
  });
});
