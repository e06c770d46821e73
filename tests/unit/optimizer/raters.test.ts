import { describe, expect, it } from 'vitest';
import { offsetCovariance, raterLoadings } from '../../../core/optimizer/raters';

describe('zero-sum rater contrasts', () => {
  it('satisfy C·Cᵀ = I − 11ᵀ/R and Cᵀ1 = 0 (normalised Helmert identities)', () => {
    for (const R of [1, 2, 3, 5]) {
      const c = raterLoadings(R);
      for (let i = 0; i < R; i++) {
        for (let j = 0; j < R; j++) {
          let product = 0;
          for (let k = 0; k < R - 1; k++) product += c[i]![k]! * c[j]![k]!;
          expect(product).toBeCloseTo(offsetCovariance(i === j, R), 12);
        }
      }
      for (let k = 0; k < R - 1; k++) expect(c.reduce((s, row) => s + row[k]!, 0)).toBeCloseTo(0, 12);
    }
  });
});
