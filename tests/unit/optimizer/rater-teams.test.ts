import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../core/api';
import { createOptimizer, createSpace, mixSeed, mulberry32, type CanonicalPoint, type RatingObservation } from '../../../core/optimizer';

// The rater offsets' prior against simulated teams of 1, 3 and 10 raters (issue 15): 40 ratings in
// pairs, each pair rated by one member of the team in turn, so a team of 10 gives 4 ratings each.
// Each rater has an offset drawn from [−0.7, 0.7]; ratings are the perceived quality (noise 0.5)
// plus the offset, rounded and clamped to 1..5.

const space = createSpace(['leonardo', 'stablediffusion']);
const at = (provider: ProviderId, u: number[]): CanonicalPoint => ({
  provider,
  init_strength: 0.1 + 0.4 * u[0]!,
  guidance_scale: 5 + 7 * u[1]!,
  controlnet_weight: 0.7 + 0.29 * u[2]!,
});
const quality = (p: CanonicalPoint) => {
  const u = [(p.init_strength - 0.1) / 0.4, (p.guidance_scale - 5) / 7, (p.controlnet_weight - 0.7) / 0.29];
  const d2 = (u[0]! - 0.3) ** 2 + (u[1]! - 0.6) ** 2 + (u[2]! - 0.5) ** 2;
  return 1.5 + (p.provider === 'stablediffusion' ? 3 : 2.2) * Math.exp(-d2 / 0.18);
};
const gaussian = (random: () => number) => Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
const randomPoint = (random: () => number) => at(random() < 0.5 ? 'leonardo' : 'stablediffusion', [random(), random(), random()]);
const SEEDS = [1, 2, 3, 4];

function team(size: number, seed: number) {
  const random = mulberry32(mixSeed(seed, size));
  const offsets = Array.from({ length: size }, () => (size === 1 ? 0 : -0.7 + 1.4 * random()));
  const ratings: RatingObservation[] = [];
  for (let i = 0; i < 40; i++) {
    const point = randomPoint(random);
    const rater = Math.floor(i / 2) % size;
    const rating = Math.min(5, Math.max(1, Math.round(quality(point) + 0.5 * gaussian(random) + offsets[rater]!)));
    ratings.push({ point, rating, rater: `rater${rater}` });
  }
  return { offsets, ratings, held: Array.from({ length: 200 }, () => randomPoint(random)) };
}

/** Correlation of the predicted rating with the true quality on held-out points, and the offsets' RMS error. */
function measure(size: number, seed: number, raterVariance?: number, raterOffsets = true) {
  const { offsets, ratings, held } = team(size, seed);
  const fitted = createOptimizer({ space, seed, usePreferences: false, raterOffsets });
  fitted.tell(ratings);
  let optimizer = fitted;
  if (raterVariance !== undefined) {
    optimizer = createOptimizer({ space, seed, usePreferences: false, hyperparameters: { ...fitted.hyperparameters()!, raterVariance } });
    optimizer.tell(ratings);
  }
  const truth = held.map(quality);
  const predicted = held.map((p) => optimizer.predict(p)!.predicted_rating);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const [mt, mp] = [mean(truth), mean(predicted)];
  let cross = 0;
  let tt = 0;
  let pp = 0;
  truth.forEach((t, i) => {
    cross += (t - mt) * (predicted[i]! - mp);
    tt += (t - mt) ** 2;
    pp += (predicted[i]! - mp) ** 2;
  });
  const centre = mean(offsets);
  const estimated = optimizer.status().rater_offsets;
  return {
    correlation: cross / Math.sqrt(tt * pp),
    offsetError: Math.sqrt(mean(offsets.map((o, r) => ((estimated[`rater${r}`] ?? 0) - (o - centre)) ** 2))),
    offsetSpread: Math.sqrt(mean(offsets.map((o) => (o - centre) ** 2))),
  };
}

const averaged = (size: number, raterVariance?: number, raterOffsets = true) => {
  const runs = SEEDS.map((seed) => measure(size, seed, raterVariance, raterOffsets));
  const mean = (key: 'correlation' | 'offsetError' | 'offsetSpread') => runs.reduce((s, r) => s + r[key], 0) / runs.length;
  return { correlation: mean('correlation'), offsetError: mean('offsetError'), offsetSpread: mean('offsetSpread') };
};

describe('rater offsets with teams of 1, 3 and 10 raters', () => {
  it('keep the landscape’s signal for every team size, however few ratings each rater gave', () => {
    for (const size of [1, 3, 10]) {
      const withOffsets = averaged(size).correlation;
      const without = averaged(size, undefined, false).correlation;
      expect(withOffsets, `team of ${size}`).toBeGreaterThan(0.55);
      expect(withOffsets, `team of ${size} against no offsets`).toBeGreaterThan(without - 0.05);
    }
  });

  it('estimate the offsets closer than assuming none, where a near-zero offset variance does not', () => {
    for (const size of [3, 10]) {
      const fitted = averaged(size);
      expect(fitted.offsetError, `team of ${size}`).toBeLessThan(0.8 * fitted.offsetSpread);
      // The control: offsets held at ~0 (τ² = 0.001) miss by about the offsets' own spread.
      const pinned = averaged(size, 0.001);
      expect(pinned.offsetError, `team of ${size}, τ² = 0.001`).toBeGreaterThan(0.8 * pinned.offsetSpread);
    }
  });
});
