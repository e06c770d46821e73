import { describe, expect, it } from 'vitest';
import { binomialTwoSided, krippendorffAlpha, median, variance, wilson } from '../../../core/raters';

describe('rater statistics', () => {
  it('Wilson interval: 8 of 10 gives 0.490–0.943 (hand-computed with z = 1.96)', () => {
    const w = wilson(8, 10);
    expect(w.value).toBe(0.8);
    expect(w.low).toBeCloseTo(0.4902, 3);
    expect(w.high).toBeCloseTo(0.9433, 3);
    expect(wilson(0, 0).value).toBeNull();
  });

  it('Wilson interval holds its own proportion at 0 and 1, where rounding would put an end past it', () => {
    for (const n of [1, 3, 7, 20, 101]) {
      expect(wilson(0, n).low).toBe(0);
      expect(wilson(n, n).high).toBe(1);
    }
  });

  it('exact two-sided binomial: 9 of 10 is 22/1024, 5 of 10 is 1, 50 of 50 is 2^-49', () => {
    expect(binomialTwoSided(9, 10)).toBeCloseTo(22 / 1024, 10);
    expect(binomialTwoSided(1, 10)).toBeCloseTo(22 / 1024, 10);
    expect(binomialTwoSided(5, 10)).toBe(1);
    expect(binomialTwoSided(50, 50)).toBeCloseTo(2 ** -49, 20);
  });

  it('median and sample variance', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(variance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 10);
    expect(variance([3])).toBeNull();
  });

  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
  // 12 units, missing values. Published: nominal 0.743, ordinal 0.815, interval 0.849.
  const observers = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ];
  const units = observers[0]!.map((_, u) => observers.flatMap((o) => (o[u] === null ? [] : [o[u]!])));

  it("Krippendorff's α matches the published values of Krippendorff's worked example", () => {
    expect(krippendorffAlpha(units, 'nominal').value).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(units, 'ordinal').value).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(units, 'interval').value).toBeCloseTo(0.849, 3);
    // Unit 12 has one value: not pairable. 11 units, 40 pairable values.
    expect(krippendorffAlpha(units, 'ordinal')).toMatchObject({ units: 11, values: 40 });
  });

  it('α is 1 for perfect agreement and null when nothing varies or nothing is pairable', () => {
    expect(krippendorffAlpha([[1, 1], [3, 3], [5, 5]], 'ordinal').value).toBeCloseTo(1, 10);
    expect(krippendorffAlpha([[2, 2], [2, 2]], 'ordinal').value).toBeNull();
    expect(krippendorffAlpha([[2], [3]], 'ordinal').value).toBeNull();
  });
});
