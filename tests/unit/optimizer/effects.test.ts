import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../core/api';
import { CONTINUOUS_DIMENSIONS, createOptimizer, createSpace, EFFECT_GRID, MAX_REFERENCE_POINTS, type CanonicalPoint, type Optimizer } from '../../../core/optimizer';
import { mulberry32 } from '../../../core/optimizer/prng';

const space = createSpace(['leonardo', 'stablediffusion']);
const at = (provider: ProviderId, u: [number, number, number]): CanonicalPoint => ({
  provider,
  init_strength: 0.1 + 0.4 * u[0],
  guidance_scale: 5 + 7 * u[1],
  controlnet_weight: 0.7 + 0.29 * u[2],
});

/** Ratings that rise with guidance (2 at 5, 4 at 12), Leonardo half a point above SD, on seeded points. */
function trainedOn(count: number, seed = 7): { optimizer: Optimizer; points: CanonicalPoint[] } {
  const random = mulberry32(seed);
  const points = Array.from({ length: count }, (_, i) => at(i % 2 === 0 ? 'leonardo' : 'stablediffusion', [random(), random(), random()]));
  const optimizer = createOptimizer({ space, seed: 11 });
  optimizer.tell(
    points.map((point) => ({
      point,
      rating: Math.round(2 + (2 * (point.guidance_scale - 5)) / 7 + (point.provider === 'leonardo' ? 0.25 : -0.25)),
      rater: 'ann',
    })),
  );
  return { optimizer, points };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('parameter effects (partial dependence) from the Phase 1 posterior', () => {
  it('has nothing to show before the first rating', () => {
    expect(createOptimizer({ space, seed: 1 }).effects()).toBeNull();
    expect(createOptimizer({ space, seed: 1 }).predict(at('leonardo', [0.5, 0.5, 0.5]))).toBeNull();
  });

  it('with one rated point each curve is the optimizer’s own prediction along that setting, interval included', () => {
    const optimizer = createOptimizer({ space, seed: 3 });
    const point = at('leonardo', [0.3, 0.6, 0.4]);
    optimizer.tell([{ point, rating: 4, rater: 'ann' }]);
    const effects = optimizer.effects()!;
    expect(effects.reference_points).toBe(1);
    for (const dimension of CONTINUOUS_DIMENSIONS) {
      expect(effects.knobs[dimension]).toHaveLength(EFFECT_GRID);
      for (const row of effects.knobs[dimension]) {
        const own = optimizer.predict({ ...point, [dimension]: row.value })!;
        expect(row.mean).toBeCloseTo(own.predicted_rating, 10);
        expect(row.low).toBeCloseTo(own.interval80[0], 10);
        expect(row.high).toBeCloseTo(own.interval80[1], 10);
      }
    }
    for (const row of effects.providers) {
      const own = optimizer.predict({ ...point, provider: row.provider })!;
      expect(row.mean).toBeCloseTo(own.predicted_rating, 10);
      expect([row.low, row.high]).toEqual([expect.closeTo(own.interval80[0], 10), expect.closeTo(own.interval80[1], 10)]);
    }
  });

  it('averages the optimizer’s predictions over the rated points with the setting moved', () => {
    const { optimizer, points } = trainedOn(16);
    const effects = optimizer.effects()!;
    expect(effects.reference_points).toBe(16);
    for (const dimension of CONTINUOUS_DIMENSIONS) {
      for (const row of effects.knobs[dimension]) {
        const own = points.map((p) => optimizer.predict({ ...p, [dimension]: row.value })!);
        expect(row.mean).toBeCloseTo(mean(own.map((o) => o.predicted_rating)), 8);
        // The average of correlated values is at most as uncertain as its parts on average
        // (Cauchy–Schwarz on the covariances), and its interval holds the mean.
        const halfWidths = own.map((o) => (o.interval80[1] - o.interval80[0]) / 2);
        expect((row.high - row.low) / 2).toBeLessThanOrEqual(mean(halfWidths) + 1e-9);
        expect(row.low).toBeLessThanOrEqual(row.mean);
        expect(row.high).toBeGreaterThanOrEqual(row.mean);
      }
    }
    for (const row of effects.providers) {
      const own = points.map((p) => optimizer.predict({ ...p, provider: row.provider })!.predicted_rating);
      expect(row.mean).toBeCloseTo(mean(own), 8);
    }
  });

  it('shows the setting that matters rising and the provider that rates higher above the other', () => {
    const { optimizer } = trainedOn(30);
    const effects = optimizer.effects()!;
    const guidance = effects.knobs.guidance_scale;
    const guidanceRise = guidance.at(-1)!.mean - guidance[0]!.mean;
    expect(guidanceRise).toBeGreaterThan(1);
    for (const other of ['init_strength', 'controlnet_weight'] as const) {
      const curve = effects.knobs[other].map((r) => r.mean);
      expect(Math.max(...curve) - Math.min(...curve)).toBeLessThan(guidanceRise / 2);
    }
    const [leonardo, sd] = ['leonardo', 'stablediffusion'].map((id) => effects.providers.find((p) => p.provider === id)!);
    expect(leonardo!.mean).toBeGreaterThan(sd!.mean);
  });

  it('averages over an evenly spread subset once there are more distinct points than it can afford', () => {
    const { optimizer, points } = trainedOn(MAX_REFERENCE_POINTS + 10);
    const effects = optimizer.effects()!;
    expect(points.length).toBeGreaterThan(MAX_REFERENCE_POINTS);
    expect(effects.reference_points).toBe(MAX_REFERENCE_POINTS);
    expect(effects.knobs.init_strength[0]!.value).toBeCloseTo(0.1, 12);
    expect(effects.knobs.init_strength.at(-1)!.value).toBeCloseTo(0.5, 12);
  });

  it('refuses a point outside the space', () => {
    const { optimizer } = trainedOn(4);
    expect(() => optimizer.predict({ ...at('leonardo', [0.5, 0.5, 0.5]), guidance_scale: 40 })).toThrow(/guidance/);
  });
});
