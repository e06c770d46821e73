import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../core/api';
import { createOptimizer, createSpace, type CanonicalPoint, type RatingObservation } from '../../../core/optimizer';
import { buildDataset } from '../../../core/optimizer/dataset';
import { fitHyperparameters } from '../../../core/optimizer/hyperparameters';
import { prepareFitData } from '../../../core/optimizer/marginalLikelihood';
import { mulberry32 } from '../../../core/optimizer/prng';

const space = createSpace(['leonardo', 'stablediffusion']);
const at = (provider: ProviderId, u: [number, number, number]): CanonicalPoint => ({
  provider,
  init_strength: 0.1 + 0.4 * u[0],
  guidance_scale: 5 + 7 * u[1],
  controlnet_weight: 0.7 + 0.29 * u[2],
});

describe('rating-scale priors', () => {
  it('keeps ratings in rating points (centred only) unless asked to standardise', () => {
    const ratings: RatingObservation[] = [1, 2, 5].map((rating, i) => ({ point: at('leonardo', [i / 2, 0.5, 0.5]), rating, rater: 'ann' }));
    // Mean 8/3; population variance ((5/3)² + (2/3)² + (7/3)²)/3 = 78/27.
    const raw = buildDataset(space, 'coregionalised', ratings, [], false);
    expect(raw.scale).toBe(1);
    expect(raw.ratings.map((r) => r.value).sort((a, b) => a - b)).toEqual([1 - 8 / 3, 2 - 8 / 3, 5 - 8 / 3].sort((a, b) => a - b));
    expect(buildDataset(space, 'coregionalised', ratings, [], true).scale).toBeCloseTo(Math.sqrt(78 / 27), 12);
  });

  it('never fits less noise than integer rounding adds (1/12, the variance of a uniform error on ±½)', () => {
    // A smooth function observed without any noise: generic priors may fit a tiny noise, the
    // rating-scale floor may not.
    const random = mulberry32(5);
    const coords = Array.from({ length: 24 }, () => Float64Array.from([random(), random(), random()]));
    const y = coords.map((c) => Math.sin(3 * c[0]!) + c[1]! - 0.5);
    const data = prepareFitData(coords, coords.map(() => 0), coords.map(() => 0), 1, y);
    const layout = { dimensions: 3, correlation: false, raterVariance: false };
    const fit = (priors: 'rating-scale' | 'standardised') =>
      fitHyperparameters(data, layout, { priors, starts: 2, maxIterations: 50, random: mulberry32(1) });
    expect(fit('rating-scale').noise).toBeGreaterThanOrEqual(1 / 12 - 1e-12);
    expect(fit('standardised').noise).toBeLessThan(1 / 12);
  });
});

describe('design until the ratings single out a setting', () => {
  const rateAll = (points: CanonicalPoint[], rating: (p: CanonicalPoint, i: number) => number) =>
    points.map((point, i) => ({ point, rating: rating(point, i), rater: 'ann' }));

  it('goes on with the space-filling design while the ratings are flat, up to its cap', () => {
    const optimizer = createOptimizer({ space, seed: 3, usePreferences: false });
    const design = optimizer.ask(10, []).map((p) => p.point);
    // Alternating 2s and 3s: nothing stands out beyond the noise.
    optimizer.tell(rateAll(design, (_, i) => 2 + (i % 2)));
    expect(optimizer.status().stage).toBe('initial-design');
    const next = optimizer.ask(2, []);
    expect(next.map((p) => p.origin)).toEqual(['initial-design', 'initial-design']);
    // It continues the same sequence (index 10 and 11 of what a fresh optimizer would propose).
    expect(next.map((p) => p.point)).toEqual(createOptimizer({ space, seed: 3 }).ask(12, []).slice(10).map((p) => p.point));
    const capped = createOptimizer({ space, seed: 3, usePreferences: false, designUntilSignal: 10 });
    capped.tell(rateAll(design, (_, i) => 2 + (i % 2)));
    expect(capped.ask(1, [])[0]!.origin).toBe('ei');
  });

  it('hands over to Expected Improvement once one setting is clearly better', () => {
    const optimizer = createOptimizer({ space, seed: 3, usePreferences: false });
    const design = optimizer.ask(6, []).map((p) => p.point);
    const star = design[0]!;
    optimizer.tell(rateAll(design, (p) => (p === star ? 5 : 2)));
    optimizer.tell(rateAll([star, star], () => 5));
    expect(optimizer.status().stage).toBe('model');
    expect(optimizer.ask(2, []).map((p) => p.origin)).toEqual(['ei', 'ei-constant-liar']);
  });
});

describe('recommendation from the whole space', () => {
  it('finds an untried best between tried points, and predicts it higher than any tried point', () => {
    // Ratings symmetric about init strength u = 0.5 (guidance and ControlNet fixed at 0.5), high at
    // 0.3 and 0.7: a smooth posterior mean through two equal highs peaks between them (at 0.5 or at
    // a mirrored pair of points), not on either tried point.
    const line = (u: number) => at('stablediffusion', [u, 0.5, 0.5]);
    const ratings = [
      [0.1, 2],
      [0.3, 4],
      [0.7, 4],
      [0.9, 2],
    ].flatMap(([u, rating]) => [0, 1].map(() => ({ point: line(u!), rating: rating!, rater: 'ann' })));
    const optimizer = createOptimizer({ space: createSpace(['stablediffusion']), seed: 1, usePreferences: false });
    optimizer.tell(ratings);
    const { point, predicted_rating } = optimizer.recommend()!;
    const u = (point.init_strength - 0.1) / 0.4;
    expect(u).toBeGreaterThan(0.3 + 1e-3);
    expect(u).toBeLessThan(0.7 - 1e-3);
    expect(point.guidance_scale).toBeCloseTo(8.5, 1);
    expect(point.controlnet_weight).toBeCloseTo(0.845, 2);
    const tried = createOptimizer({ space: createSpace(['stablediffusion']), seed: 1, usePreferences: false, recommendFrom: 'tried' });
    tried.tell(ratings);
    expect([0.3, 0.7]).toContainEqual(Number(((tried.recommend()!.point.init_strength - 0.1) / 0.4).toFixed(6)));
    expect(predicted_rating).toBeGreaterThan(tried.recommend()!.predicted_rating);
  });
});
