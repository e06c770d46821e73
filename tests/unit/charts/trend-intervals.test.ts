import { describe, expect, it } from 'vitest';
import { groupMeans, meanInterval95, ratingTrend, t975 } from '../../../core/charts';
import { studentTCdf } from '../../../core/prompts/distributions';

describe('rating trend', () => {
  it('puts every rating in order with the mean of it and the window before it', () => {
    const points = ratingTrend([1, 3, 5, 3, 1], 3);
    expect(points.map((p) => p.sample)).toEqual([1, 2, 3, 4, 5]);
    expect(points.map((p) => p.rating)).toEqual([1, 3, 5, 3, 1]);
    // Fewer than the window at the start: the mean of what there is.
    expect(points.map((p) => p.moving_average)).toEqual([1, 2, 3, 11 / 3, 3]);
  });

  it('refuses a window that averages nothing', () => {
    expect(() => ratingTrend([3], 0)).toThrow(/window of at least 1/);
  });
});

describe('95 % t-intervals of mean ratings', () => {
  it('uses quantiles that put 97.5 % of Student t below them (checked with the paired test’s own t CDF)', () => {
    for (const df of [1, 2, 5, 10, 29, 30, 31, 45, 100, 1000]) expect(studentTCdf(t975(df), df)).toBeCloseTo(0.975, 4);
    expect(() => t975(0)).toThrow(/degrees of freedom/);
  });

  it('gives mean ± t·s/√n, and no interval for a single rating', () => {
    // 2, 4, 4, 5: mean 3.75, s² = (3.0625 + 0.0625·2 + 1.5625)/3 = 1.5833…, t(0.975, 3) = 3.182.
    const interval = meanInterval95([2, 4, 4, 5])!;
    const half = 3.182 * Math.sqrt(4.75 / 3 / 4);
    expect(interval.n).toBe(4);
    expect(interval.mean).toBeCloseTo(3.75, 12);
    expect(interval.low).toBeCloseTo(3.75 - half, 12);
    expect(interval.high).toBeCloseTo(3.75 + half, 12);
    expect(meanInterval95([4])).toEqual({ n: 1, mean: 4, low: null, high: null });
    expect(meanInterval95([])).toBeNull();
    expect(meanInterval95([3, 3, 3])).toEqual({ n: 3, mean: 3, low: 3, high: 3 });
  });

  it('cuts an interval wider than the scale to the scale’s ends, and leaves a narrower one alone', () => {
    // 1 and 3: mean 2, s = √2, half-width t(0.975, 1)·s/√2 = 12.706.
    expect(meanInterval95([1, 3])).toMatchObject({ mean: 2, low: expect.closeTo(2 - 12.706, 9), high: expect.closeTo(2 + 12.706, 9) });
    expect(meanInterval95([1, 3], [1, 5])).toEqual({ n: 2, mean: 2, low: 1, high: 5 });
    // 3, 3, 4, 4: 3.5 ± 3.182·0.577/2, inside the scale.
    expect(meanInterval95([3, 3, 4, 4], [1, 5])).toEqual(meanInterval95([3, 3, 4, 4]));
    // 2, 4, 4, 5 reaches 5.75 (above): only that end is cut.
    expect(meanInterval95([2, 4, 4, 5], [1, 5])).toMatchObject({ low: meanInterval95([2, 4, 4, 5])!.low, high: 5 });
    const rows = groupMeans([{ k: 'a', v: 1 }, { k: 'a', v: 3 }], (x) => x.k, (x) => x.v, [1, 5]);
    expect(rows).toEqual([{ key: 'a', n: 2, mean: 2, low: 1, high: 5 }]);
  });

  it('groups by key in first-seen order', () => {
    const rows = groupMeans([{ k: 'b', v: 2 }, { k: 'a', v: 4 }, { k: 'b', v: 4 }], (x) => x.k, (x) => x.v);
    expect(rows.map((r) => [r.key, r.n, r.mean])).toEqual([['b', 2, 3], ['a', 1, 4]]);
  });
});
