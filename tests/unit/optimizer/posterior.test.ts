import { describe, expect, it } from 'vitest';
import { buildBasis } from '../../../core/optimizer/basis';
import { conditionOnFantasies } from '../../../core/optimizer/fantasies';
import { makeKernel, matern52, type EncodedPoint } from '../../../core/optimizer/kernel';
import { ratingEquations, solvePosterior, predictAtPoint, type RatingRow } from '../../../core/optimizer/posterior';
import { compilePredictor, predictPoint } from '../../../core/optimizer/predictor';

const point = (x: number, provider = 0): EncodedPoint => ({ coords: Float64Array.from([x, 0.5, 0.5]), provider });
const h = { lengthscales: [0.5, 1, 1], amplitude: 1.5, providerCorrelation: 0.6 };
const noise = 0.2;
const kernel = makeKernel(h);

function fit(points: EncodedPoint[], rows: RatingRow[]) {
  const basis = buildBasis(points, kernel, h.amplitude, { maxRank: 50, tolerance: 1e-12 });
  return solvePosterior(basis, ratingEquations(basis, [], 0, rows));
}

describe('GP posterior (whitened pivoted-Cholesky basis)', () => {
  // Two points 0.5 apart (r = 1), y = (1, −0.5). Closed form (GPML eq. 2.25–2.26) with the 2×2
  // inverse written out: C = [[a, b], [b, a]], a = σf² + σn², b = σf²·M(1).
  const a = h.amplitude + noise;
  const b = h.amplitude * matern52(1);
  const det = a * a - b * b;
  const y = [1, -0.5];
  const solve = (v: number[]) => [(a * v[0]! - b * v[1]!) / det, (-b * v[0]! + a * v[1]!) / det];
  const rows: RatingRow[] = [
    { point: 0, rater: -1, value: y[0]!, noise },
    { point: 1, rater: -1, value: y[1]!, noise },
  ];
  const posterior = fit([point(0.25), point(0.75)], rows);

  it('matches the closed-form mean and variance at a new point', () => {
    const star = point(0.5, 0);
    const kStar = [h.amplitude * matern52(0.5), h.amplitude * matern52(0.5)]; // r = 0.25/0.5
    const alpha = solve(y);
    const mean = kStar[0]! * alpha[0]! + kStar[1]! * alpha[1]!;
    const w = solve(kStar);
    const variance = h.amplitude - (kStar[0]! * w[0]! + kStar[1]! * w[1]!);
    const predicted = predictPoint(compilePredictor(posterior), star);
    expect(predicted.mean).toBeCloseTo(mean, 10);
    expect(predicted.variance).toBeCloseTo(variance, 10);
  });

  it('matches the closed form at a training point and across providers (k scaled by ρ)', () => {
    const k0 = [h.amplitude, b];
    const w0 = solve(k0);
    expect(predictAtPoint(posterior, 0).mean).toBeCloseTo(k0[0]! * solve(y)[0]! + k0[1]! * solve(y)[1]!, 10);
    expect(predictAtPoint(posterior, 0).variance).toBeCloseTo(h.amplitude - (k0[0]! * w0[0]! + k0[1]! * w0[1]!), 10);
    const other = predictPoint(compilePredictor(posterior), point(0.25, 1));
    const kOther = k0.map((k) => k * h.providerCorrelation);
    expect(other.mean).toBeCloseTo(kOther[0]! * solve(y)[0]! + kOther[1]! * solve(y)[1]!, 10);
  });

  it('treats two ratings of one point like one rating of their mean with half the noise (a Gaussian identity)', () => {
    const twice = fit([point(0.25), point(0.75)], [
      { point: 0, rater: -1, value: 2, noise },
      { point: 0, rater: -1, value: 0, noise },
      { point: 1, rater: -1, value: -0.5, noise },
    ]);
    const averaged = fit([point(0.25), point(0.75)], [
      { point: 0, rater: -1, value: 1, noise: noise / 2 },
      { point: 1, rater: -1, value: -0.5, noise },
    ]);
    const star = point(0.4);
    expect(predictPoint(compilePredictor(twice), star).mean).toBeCloseTo(predictPoint(compilePredictor(averaged), star).mean, 10);
    expect(predictPoint(compilePredictor(twice), star).variance).toBeCloseTo(predictPoint(compilePredictor(averaged), star).variance, 10);
  });

  it('conditions on a fantasy exactly as refitting with that rating would (sequential = batch conditioning)', () => {
    const pending = point(0.6, 1);
    const conditioned = conditionOnFantasies(compilePredictor(posterior), [{ point: pending, value: -1 }], noise);
    const refit = fit([point(0.25), point(0.75), pending], [...rows, { point: 2, rater: -1, value: -1, noise }]);
    for (const x of [0.1, 0.55, 0.6, 0.9]) {
      const star = point(x, 1);
      expect(conditioned(star).mean).toBeCloseTo(predictPoint(compilePredictor(refit), star).mean, 9);
      expect(conditioned(star).variance).toBeCloseTo(predictPoint(compilePredictor(refit), star).variance, 9);
    }
  });
});

describe('pivoted Cholesky basis', () => {
  it('reproduces the kernel matrix exactly when every distinct point is a pivot, and skips duplicates', () => {
    const points = [point(0.1), point(0.5, 1), point(0.1), point(0.9), point(0.3, 1)];
    const basis = buildBasis(points, kernel, h.amplitude, { maxRank: 10, tolerance: 1e-10 });
    expect(basis.rank).toBe(4);
    for (let i = 0; i < points.length; i++) {
      for (let j = 0; j < points.length; j++) {
        let product = 0;
        for (let k = 0; k < basis.rank; k++) product += basis.features[i * basis.rank + k]! * basis.features[j * basis.rank + k]!;
        expect(product).toBeCloseTo(kernel(points[i]!, points[j]!), 10);
      }
    }
  });

  it('stops at the rank cap', () => {
    const points = Array.from({ length: 40 }, (_, i) => point(i / 40));
    expect(buildBasis(points, kernel, h.amplitude, { maxRank: 8, tolerance: 0 }).rank).toBe(8);
  });
});
