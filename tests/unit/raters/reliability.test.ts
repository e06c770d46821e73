import { describe, expect, it } from 'vitest';
import { PRIOR_WEIGHT, RELIABILITY_PRIOR, raterReliability, reliabilityWeights, wilson } from '../../../core/raters';

const rater = (goldHits: number, gold: number, sameHits: number, repeats: number) => ({
  rater: 'ann',
  gold: wilson(goldHits, gold),
  selfConsistency: wilson(sameHits, repeats),
});

describe('rater reliability weight', () => {
  it('starts a new rater at the prior, neither trusted fully nor ignored', () => {
    const fresh = raterReliability(rater(0, 0, 0, 0));
    expect(fresh.hitRate).toBe(RELIABILITY_PRIOR.hitRate);
    // (2·0.85 − 1)² = 0.49
    expect(fresh.weight).toBeCloseTo(0.49, 12);
    expect(PRIOR_WEIGHT).toBeCloseTo(0.49, 12);
  });

  it('shrinks the hit rate toward the prior: (hits + 10·0.85)/(checks + 10)', () => {
    expect(raterReliability(rater(1, 1, 0, 0)).hitRate).toBeCloseTo(9.5 / 11, 12);
    expect(raterReliability(rater(9, 10, 8, 10)).hitRate).toBeCloseTo(25.5 / 30, 12);
  });

  it('weights a rater at chance far below a careful one, never at zero', () => {
    const careful = raterReliability(rater(19, 20, 19, 20)).weight;
    const random = raterReliability(rater(10, 20, 10, 20)).weight;
    const reversed = raterReliability(rater(0, 20, 0, 20)).weight;
    expect(careful).toBeGreaterThan(0.7);
    expect(random).toBeLessThan(0.15);
    expect(reversed).toBe(RELIABILITY_PRIOR.minWeight);
    expect(reliabilityWeights([{ ...rater(19, 20, 19, 20), rater: 'bob' }]).get('bob')).toBe(careful);
  });
});
