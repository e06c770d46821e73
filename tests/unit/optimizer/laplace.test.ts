import { describe, expect, it } from 'vitest';
import { buildBasis } from '../../../core/optimizer/basis';
import { makeKernel, type EncodedPoint } from '../../../core/optimizer/kernel';
import { laplaceMode, preferenceTerm } from '../../../core/optimizer/laplace';
import { predictAtPoint, ratingEquations } from '../../../core/optimizer/posterior';

const scale = { noise: 0.7, tieMargin: 0.2 };

describe('ordinal probit preference likelihood', () => {
  it('has derivatives equal to finite differences, for wins and ties, far into the tails', () => {
    for (const tie of [false, true]) {
      for (const d of [-6, -1.3, -0.1, 0, 0.15, 0.9, 4]) {
        const step = 1e-5;
        const at = (x: number) => preferenceTerm(x, tie, scale);
        const first = (at(d + step).logLikelihood - at(d - step).logLikelihood) / (2 * step);
        const second = (at(d + step).first - at(d - step).first) / (2 * step);
        expect(at(d).first).toBeCloseTo(first, 5);
        expect(at(d).second).toBeCloseTo(second, 4);
        expect(at(d).second).toBeLessThanOrEqual(0);
      }
    }
  });

  it('gives a win probability Φ((d − δ)/s) and a tie probability that peaks at d = 0', () => {
    // Φ(0) = ½ when d = δ; the tie term is even in d, so its slope at 0 is 0.
    expect(Math.exp(preferenceTerm(0.2, false, scale).logLikelihood)).toBeCloseTo(0.5, 6);
    expect(preferenceTerm(0, true, scale).first).toBeCloseTo(0, 12);
    expect(preferenceTerm(0.5, true, scale).logLikelihood).toBeLessThan(preferenceTerm(0, true, scale).logLikelihood);
  });
});

describe('Laplace approximation of the preference GP', () => {
  const points: EncodedPoint[] = [0.1, 0.35, 0.6, 0.85].map((x) => ({ coords: Float64Array.from([x, 0.5, 0.5]), provider: 0 }));
  const kernel = makeKernel({ lengthscales: [0.3, 1, 1], amplitude: 1, providerCorrelation: 1 });
  const basis = buildBasis(points, kernel, 1, { maxRank: 10, tolerance: 1e-10 });
  const prior = ratingEquations(basis, [], 0, []);

  it('ranks separable comparisons in their order (0.85 ≻ 0.6 ≻ 0.35 ≻ 0.1, each seen twice)', () => {
    const wins = [
      { a: 3, b: 2, tie: false },
      { a: 2, b: 1, tie: false },
      { a: 1, b: 0, tie: false },
    ];
    const { posterior, iterations } = laplaceMode(basis, prior, [...wins, ...wins], scale);
    const means = points.map((_, i) => predictAtPoint(posterior, i).mean);
    expect(iterations).toBeLessThan(30);
    for (let i = 1; i < means.length; i++) expect(means[i]).toBeGreaterThan(means[i - 1]!);
  });

  it('reverses the ranking when the outcomes are reversed, and ties pull two points together', () => {
    const reversed = laplaceMode(basis, prior, [{ a: 0, b: 3, tie: false }], scale).posterior;
    expect(predictAtPoint(reversed, 0).mean).toBeGreaterThan(predictAtPoint(reversed, 3).mean);
    const tied = laplaceMode(basis, prior, [{ a: 0, b: 3, tie: true }, { a: 3, b: 0, tie: true }], scale).posterior;
    expect(predictAtPoint(tied, 0).mean).toBeCloseTo(predictAtPoint(tied, 3).mean, 8);
    // Ties lower the variance of the difference below the prior's.
    expect(predictAtPoint(tied, 0).variance).toBeLessThan(1);
  });

  it('is a fixed point: the pseudo-observations at the mode reproduce the mode', () => {
    const preferences = [{ a: 2, b: 0, tie: false }, { a: 1, b: 3, tie: true }];
    const { posterior, differences } = laplaceMode(basis, prior, preferences, scale);
    expect(differences).toHaveLength(2);
    for (const d of differences) {
      const gap = predictAtPoint(posterior, d.a).mean - predictAtPoint(posterior, d.b).mean;
      // z = d + ℓ'(d)/w at the mode: the target sits on the mode's own difference plus the slope step.
      const term = preferenceTerm(gap, preferences.find((p) => p.a === d.a && p.b === d.b)!.tie, scale);
      // Newton stops once its step is below 1e-6, so agreement is to that order.
      expect(d.target).toBeCloseTo(gap + term.first / -term.second, 5);
    }
  });
});
