import { describe, expect, it } from 'vitest';
import { matern52 } from '../../../core/optimizer/kernel';
import { decodeHyperparameters, logMarginalLikelihood, prepareFitData } from '../../../core/optimizer/marginalLikelihood';

// Matern 5/2 closed form: (1 + √5 r + 5r²/3)·exp(−√5 r); at r = 1 that is 0.5239941088318203
// (also what the formula gives in numpy).
describe('Matern 5/2', () => {
  it('is 1 at distance 0 and matches the closed form at r = 1', () => {
    expect(matern52(0)).toBe(1);
    expect(matern52(1)).toBeCloseTo(0.5239941088318203, 14);
  });
});

describe('log marginal likelihood', () => {
  const layout = { dimensions: 3, correlation: true, raterVariance: true };
  // θ = log ℓ (3), log σf², log σn², logit ρ, log τ².
  const theta = [Math.log(0.5), Math.log(0.3), Math.log(2), Math.log(1.5), Math.log(0.2), 0.4, Math.log(0.3)];

  it('matches the 2×2 closed form: −½yᵀC⁻¹y − ½log det C − log 2π', () => {
    // Two ratings, different providers, different raters (R = 2), points 0.5 apart in dimension 0.
    const coords = [Float64Array.from([0.2, 0.5, 0.5]), Float64Array.from([0.7, 0.5, 0.5])];
    const data = prepareFitData(coords, [0, 1], [0, 1], 2, [0.8, -0.3]);
    const h = decodeHyperparameters(layout, theta);
    // r = 0.5/ℓ₀ = 1. Same-point variance: σf² + τ²(1 − ½) + σn²; cross: σf²·ρ·M(1) + τ²(0 − ½).
    const a = h.amplitude + h.raterVariance / 2 + h.noise;
    const b = h.amplitude * h.providerCorrelation * matern52(1) - h.raterVariance / 2;
    const det = a * a - b * b;
    const [y1, y2] = [0.8, -0.3];
    const quadratic = (a * y1 * y1 - 2 * b * y1 * y2 + a * y2 * y2) / det;
    const expected = -0.5 * quadratic - 0.5 * Math.log(det) - Math.log(2 * Math.PI);
    expect(logMarginalLikelihood(data, layout, theta).value).toBeCloseTo(expected, 12);
  });

  it('has an analytic gradient equal to central finite differences', () => {
    const coords = [
      [0.1, 0.9, 0.3],
      [0.4, 0.2, 0.8],
      [0.45, 0.25, 0.7],
      [0.9, 0.6, 0.1],
      [0.3, 0.3, 0.3],
      [0.7, 0.8, 0.5],
    ].map((c) => Float64Array.from(c));
    const data = prepareFitData(coords, [0, 1, 1, 0, 2, 1], [0, 1, 2, 0, 1, 2], 3, [1.2, -0.4, -0.1, 0.6, -1.3, 0.2]);
    const { gradient } = logMarginalLikelihood(data, layout, theta);
    const step = 1e-6;
    theta.forEach((_, i) => {
      const up = [...theta];
      const down = [...theta];
      up[i]! += step;
      down[i]! -= step;
      const numeric = (logMarginalLikelihood(data, layout, up).value - logMarginalLikelihood(data, layout, down).value) / (2 * step);
      expect(gradient[i]).toBeCloseTo(numeric, 5);
    });
  });

  it('stays finite on duplicate points with tiny noise (the jitter takes over)', () => {
    const same = Float64Array.from([0.5, 0.5, 0.5]);
    const data = prepareFitData([same, same, same], [0, 0, 0], [0, 0, 0], 1, [1, 1, 1]);
    const tiny = [0, 0, 0, 0, Math.log(1e-14)];
    const result = logMarginalLikelihood(data, { dimensions: 3, correlation: false, raterVariance: false }, tiny);
    expect(Number.isFinite(result.value)).toBe(true);
    expect(result.gradient.every(Number.isFinite)).toBe(true);
  });
});
