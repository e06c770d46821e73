import { describe, expect, it } from 'vitest';
import {
  cholesky,
  choleskyInverse,
  choleskySolve,
  choleskyWithJitter,
  invertLower,
  logDeterminantFromCholesky,
} from '../../../core/optimizer/linalg';

// A = L·Lᵀ with L = [[2,0,0],[1,3,0],[-1,1,√3]], multiplied out by hand:
// row 1: 4, 2, −2; row 2: 2, 1+9=10, −1+3=2; row 3: −2, 2, 1+1+3=5.
const A = Float64Array.from([4, 2, -2, 2, 10, 2, -2, 2, 5]);
const L = [2, 0, 0, 1, 3, 0, -1, 1, Math.sqrt(3)];

describe('cholesky', () => {
  it('factors a hand-made SPD matrix into its known factor', () => {
    const factor = cholesky(A, 3)!;
    L.forEach((value, i) => expect(factor[i]).toBeCloseTo(value, 12));
  });

  it('solves A·x = b (b = A·[1, −1, 2] by hand: [4−2−4, 2−10+4, −2−2+10] = [−2, −4, 6])', () => {
    const x = choleskySolve(cholesky(A, 3)!, 3, Float64Array.from([-2, -4, 6]));
    [1, -1, 2].forEach((value, i) => expect(x[i]).toBeCloseTo(value, 12));
  });

  it('gives log det A = 2·log(2·3·√3) = log 108', () => {
    expect(logDeterminantFromCholesky(cholesky(A, 3)!, 3)).toBeCloseTo(Math.log(108), 12);
  });

  it('inverts: A·A⁻¹ = I, and L·L⁻¹ = I', () => {
    const factor = cholesky(A, 3)!;
    const inverse = choleskyInverse(factor, 3);
    const inverseL = invertLower(factor, 3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let product = 0;
        let triangular = 0;
        for (let k = 0; k < 3; k++) {
          product += A[i * 3 + k]! * inverse[k * 3 + j]!;
          triangular += factor[i * 3 + k]! * inverseL[k * 3 + j]!;
        }
        expect(product).toBeCloseTo(i === j ? 1 : 0, 12);
        expect(triangular).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });

  it('refuses a singular matrix, and the jittered version factors it with a small jitter', () => {
    // Two identical points under any kernel: [[1,1],[1,1]] is singular.
    const singular = Float64Array.from([1, 1, 1, 1]);
    expect(cholesky(singular, 2)).toBeNull();
    const { factor, jitter } = choleskyWithJitter(singular, 2);
    expect(jitter).toBeGreaterThan(0);
    expect(jitter).toBeLessThan(1e-3);
    expect(factor.every(Number.isFinite)).toBe(true);
  });

  it('still factors an indefinite matrix (last resort: diagonal dominance)', () => {
    const { factor, jitter } = choleskyWithJitter(Float64Array.from([1, 3, 3, 1]), 2);
    expect(jitter).toBeGreaterThan(0.1);
    expect(factor.every(Number.isFinite)).toBe(true);
  });
});
