import { describe, expect, it } from 'vitest';
import { checkTriggers, nextEvolutionAt, onPlateau } from '../../../core/prompts/triggers';

const ratings = (n: number, value: number) => new Array<number>(n).fill(value);

describe('evolution triggers (the seed\'s)', () => {
  it('every 10 samples while the current prompt rates below 4.5', () => {
    expect(checkTriggers({ ratings: ratings(9, 3), currentMean: 3, lastEvolutionAt: 0, busy: false }).due).toBeNull();
    expect(checkTriggers({ ratings: ratings(10, 4), currentMean: 4, lastEvolutionAt: 0, busy: false })).toEqual({ due: 'every_10_samples', nextAt: 10 });
    expect(checkTriggers({ ratings: ratings(10, 5), currentMean: 4.6, lastEvolutionAt: 0, busy: false }).due).toBeNull();
    expect(checkTriggers({ ratings: ratings(16, 4), currentMean: 4.2, lastEvolutionAt: 10, busy: false }).due).toBeNull();
    expect(checkTriggers({ ratings: ratings(30, 4.2), currentMean: 4.2, lastEvolutionAt: 20, busy: false })).toEqual({ due: 'every_10_samples', nextAt: 30 });
  });

  it('low performance at 20 and 30 samples outranks the routine check', () => {
    expect(checkTriggers({ ratings: ratings(20, 3), currentMean: 3.5, lastEvolutionAt: 10, busy: false }).due).toBe('low_performance');
    expect(checkTriggers({ ratings: ratings(30, 3), currentMean: 3.9, lastEvolutionAt: 20, busy: false }).due).toBe('low_performance');
    expect(checkTriggers({ ratings: ratings(10, 3), currentMean: 3, lastEvolutionAt: 0, busy: false }).due).toBe('every_10_samples');
  });

  it('plateau: the last 15 samples no better than the 15 before, counted since the last evolution', () => {
    const flat = [...ratings(15, 4), ...ratings(15, 4)];
    expect(onPlateau(flat)).toBe(true);
    expect(onPlateau([...ratings(15, 3), ...ratings(15, 4)])).toBe(false);
    expect(onPlateau(ratings(29, 4))).toBe(false);
    expect(checkTriggers({ ratings: [...flat, 4, 4], currentMean: 4.6, lastEvolutionAt: 17, busy: false }).due).toBe('plateau');
    expect(checkTriggers({ ratings: [...flat, 4, 4], currentMean: 4.6, lastEvolutionAt: 20, busy: false }).due).toBeNull();
    // The service passes only the last 30 ratings with the total count: the same decisions.
    expect(checkTriggers({ ratings: flat, samples: 132, currentMean: 4.6, lastEvolutionAt: 117, busy: false }).due).toBe('plateau');
    expect(checkTriggers({ ratings: flat, samples: 132, currentMean: 4.6, lastEvolutionAt: 120, busy: false }).due).toBeNull();
    expect(checkTriggers({ ratings: flat, samples: 130, currentMean: 4.2, lastEvolutionAt: 120, busy: false })).toEqual({ due: 'every_10_samples', nextAt: 130 });
  });

  it('nothing fires while an evolution runs or a candidate is tested; next_evolution_at_sample still shows', () => {
    expect(checkTriggers({ ratings: ratings(20, 2), currentMean: 2, lastEvolutionAt: 10, busy: true })).toEqual({ due: null, nextAt: 20 });
    expect(nextEvolutionAt(0)).toBe(10);
    expect(nextEvolutionAt(17)).toBe(20);
    expect(nextEvolutionAt(20)).toBe(30);
  });
});

describe('backoff after LLM failures', () => {
  it('doubles the wait with each failure in a row, up to 80 samples, and plateaus wait too', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => nextEvolutionAt(20, n))).toEqual([30, 30, 40, 60, 100, 100, 100]);
    const low = Array.from({ length: 40 }, () => 2);
    expect(checkTriggers({ ratings: low.slice(0, 30), currentMean: 2, lastEvolutionAt: 20, busy: false, llmFailures: 3 }).due).toBeNull();
    expect(checkTriggers({ ratings: low, samples: 60, currentMean: 2, lastEvolutionAt: 20, busy: false, llmFailures: 3 })).toEqual({ due: 'low_performance', nextAt: 60 });
    const flat = Array.from({ length: 50 }, () => 3);
    expect(checkTriggers({ ratings: flat, currentMean: 4.7, lastEvolutionAt: 20, busy: false, llmFailures: 3 }).due).toBeNull();
    expect(checkTriggers({ ratings: flat, currentMean: 4.7, lastEvolutionAt: 20, busy: false }).due).toBe('plateau');
  });
});
