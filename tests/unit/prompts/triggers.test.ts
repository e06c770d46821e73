import { describe, expect, it } from 'vitest';
import { checkTriggers, nextEvolution, nextEvolutionAt, onPlateau } from '../../../core/prompts/triggers';

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

describe('the "next evolution at sample N" figure', () => {
  it('names a sample only while a rating can reach it, else says what it waits for', () => {
    // Ratings that keep improving: no plateau, so only the routine and low-performance triggers count.
    const rising = (n: number) => Array.from({ length: n }, (_, i) => 1 + (4 * i) / n);
    const at = (samples: number, lastEvolutionAt: number, currentMean: number | null, holding: Parameters<typeof nextEvolution>[2] = null) =>
      nextEvolution(checkTriggers({ ratings: rising(samples), samples, currentMean, lastEvolutionAt, busy: holding !== null }), samples, holding, currentMean);
    expect(at(64, 60, 3)).toEqual({ atSample: 70, waitingFor: null });
    // The app showed "next evolution at sample 60" at 74 samples while a candidate was tested.
    expect(at(74, 52, 3, 'paired_test')).toEqual({ atSample: null, waitingFor: 'paired_test' });
    expect(at(74, 52, 3, 'evolution_running')).toEqual({ atSample: null, waitingFor: 'evolution_running' });
    expect(at(74, 52, 3, 'admin_review')).toEqual({ atSample: null, waitingFor: 'admin_review' });
    // Due now: the evolution starts at this very sample.
    expect(at(74, 52, 3)).toEqual({ atSample: 74, waitingFor: null });
    // Past the schedule without a trigger: the routine one is off, at target or without ratings of the current version.
    expect(at(74, 52, 4.6)).toEqual({ atSample: null, waitingFor: 'rating_at_target' });
    expect(at(74, 52, null)).toEqual({ atSample: null, waitingFor: 'current_unrated' });
    // Never a sample the count has passed.
    for (const samples of [0, 9, 10, 33, 74, 120]) {
      const figure = at(samples, Math.max(0, samples - 14), 3);
      if (figure.atSample !== null) expect(figure.atSample).toBeGreaterThanOrEqual(samples);
    }
  });
});
