import { describe, expect, it } from 'vitest';
import { averageRanks, meanAbsoluteError, pairwiseAccuracy, spearman, withinTolerance } from '../../../core/reward/math/metrics';
import { DEFAULT_PAIRWISE_THRESHOLD, readiness, rewardMetrics } from '../../../core/reward';

// Every expected value below is worked out by hand in the comment beside it.
describe('reward metrics', () => {
  it('mean absolute error', () => {
    // |1−2| + |2−2| + |3−5| = 3, over 3 samples.
    expect(meanAbsoluteError([1, 2, 3], [2, 2, 5])).toBe(1);
    expect(meanAbsoluteError([], [])).toBeNull();
  });

  it('share within ±0.5 counts the boundary as inside', () => {
    // 3.5 vs 4 (0.5: in), 4.2 vs 4 (0.2: in), 2 vs 4 (2: out) → 2/3.
    expect(withinTolerance([3.5, 4.2, 2], [4, 4, 4])).toBeCloseTo(2 / 3, 12);
  });

  it('pairwise accuracy counts a predicted tie as half', () => {
    // right (5 > 3), wrong (2 < 4), tie (3 = 3) → (1 + 0 + 0.5) / 3.
    expect(pairwiseAccuracy([{ winner: 5, loser: 3 }, { winner: 2, loser: 4 }, { winner: 3, loser: 3 }])).toBe(0.5);
    expect(pairwiseAccuracy([])).toBeNull();
  });

  it("Spearman's rho with tied ranks", () => {
    expect(averageRanks([5, 6, 7, 8, 7])).toEqual([1, 2, 3.5, 5, 3.5]);
    // Ranks x = 1..5, y = 1, 2, 3.5, 5, 3.5: Σdxdy = 8, Σdx² = 10, Σdy² = 9.5 → 8/√95
    // = 0.8207826816681233 (scipy.stats.spearmanr gives the same for these vectors).
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearman([1, 2, 3], [2, 2, 2])).toBeNull();
  });

  it('bundles the figures and counts decisive pairs', () => {
    // Errors 0 and 1: MAE 0.5, one of two within ±0.5.
    const m = rewardMetrics([4, 2], [4, 3], [{ winner: 4, loser: 2 }]);
    expect(m).toMatchObject({ samples: 2, mae: 0.5, within_half: 0.5, pairwise_accuracy: 1, decisive_pairs: 1 });
  });

  it('readiness needs 200 samples and pairwise accuracy above the threshold', () => {
    const good = rewardMetrics([4, 2], [4, 3], [{ winner: 4, loser: 2 }]);
    const coinFlip = { ...good, pairwise_accuracy: DEFAULT_PAIRWISE_THRESHOLD };
    expect(readiness(199, good)).toMatchObject({ ready: false });
    // It counts what the model was trained on, and says so (the page shows the count now beside it).
    expect(readiness(199, good).reason).toBe('This model was trained on 199 rated images; predictions are used from a model trained on 200 or more.');
    expect(readiness(200, good)).toMatchObject({ ready: true });
    expect(readiness(400, coinFlip)).toMatchObject({ ready: false });
    expect(readiness(400, { ...good, pairwise_accuracy: null }).reason).toMatch(/unknown/);
    expect(readiness(400, { ...good, pairwise_accuracy: 0.7 }, 0.75)).toMatchObject({ ready: false });
  });
});
