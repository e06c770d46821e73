import { describe, expect, it } from 'vitest';
import { augmentedExpectedImprovement, expectedImprovement, maximiseAcquisition } from '../../../core/optimizer/acquisition';

describe('expected improvement', () => {
  it('matches the closed form (μ − best)Φ(z) + σφ(z) at known values', () => {
    // μ=1, σ=1, best=0: Φ(1) + φ(1) = 0.8413447461 + 0.2419707245 = 1.0833154706 (scipy.stats.norm).
    expect(expectedImprovement(1, 1, 0)).toBeCloseTo(1.0833154705876864, 6);
    // μ=0.5, σ=0.4, best=0.8: z = −0.75 → −0.3·Φ(−0.75) + 0.4·φ(−0.75) = 0.0524667671 (scipy).
    expect(expectedImprovement(0.5, 0.4, 0.8)).toBeCloseTo(0.05246676714886128, 6);
    // At μ = best: σ·φ(0) = σ/√(2π).
    expect(expectedImprovement(2, 0.3, 2)).toBeCloseTo(0.3 / Math.sqrt(2 * Math.PI), 6);
  });

  it('degrades to max(μ − best, 0) without uncertainty', () => {
    expect(expectedImprovement(1.5, 0, 1)).toBe(0.5);
    expect(expectedImprovement(0.5, 0, 1)).toBe(0);
  });

  it('augments by 1 − σε/√(σ² + σε²): ×(1 − 1/√2) when σ = σε, →0 as σ → 0', () => {
    expect(augmentedExpectedImprovement(1, 1, 0, 1)).toBeCloseTo(1.0833154705876864 * (1 - Math.SQRT1_2), 6);
    expect(augmentedExpectedImprovement(1, 1e-6, 0, 1)).toBeLessThan(1e-6);
  });
});

describe('acquisition search over providers × [0,1]³', () => {
  it('finds the peak of a known function on the right provider, refined past the Sobol grid', () => {
    const peak = [0.31, 0.77, 0.05];
    const result = maximiseAcquisition({
      providers: 3,
      evaluate: ({ provider, coords }) => (provider === 2 ? 1 : 0.5) - coords.reduce((s, x, i) => s + (x - peak[i]!) ** 2, 0),
      seed: 42,
      candidatesPerProvider: 64,
      refinements: 3,
    });
    expect(result.provider).toBe(2);
    result.coords.forEach((x, i) => expect(Math.abs(x - peak[i]!)).toBeLessThan(2e-3));
  });
});
