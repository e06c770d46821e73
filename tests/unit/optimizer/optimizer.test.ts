import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../core/api';
import {
  createOptimizer,
  createSpace,
  mixSeed,
  mulberry32,
  type CanonicalPoint,
  type PreferenceObservation,
  type RatingObservation,
} from '../../../core/optimizer';

const space = createSpace(['leonardo', 'stablediffusion']);
const at = (provider: ProviderId, u: [number, number, number]): CanonicalPoint => ({
  provider,
  init_strength: 0.1 + 0.4 * u[0],
  guidance_scale: 5 + 7 * u[1],
  controlnet_weight: 0.7 + 0.29 * u[2],
});
// A smooth landscape with its best at Stable Diffusion, u = (0.3, 0.6, 0.5).
const quality = (p: CanonicalPoint) => {
  const u = [(p.init_strength - 0.1) / 0.4, (p.guidance_scale - 5) / 7, (p.controlnet_weight - 0.7) / 0.29];
  const d2 = (u[0]! - 0.3) ** 2 + (u[1]! - 0.6) ** 2 + (u[2]! - 0.5) ** 2;
  return 1.5 + (p.provider === 'stablediffusion' ? 3 : 2.2) * Math.exp(-d2 / 0.18);
};

function simulate(seed: number, count: number, raters: Record<string, number>) {
  const random = mulberry32(seed);
  const names = Object.keys(raters);
  const ratings: RatingObservation[] = [];
  const preferences: PreferenceObservation[] = [];
  for (let i = 0; i < count; i++) {
    const pair = [0, 1].map(() => at(random() < 0.5 ? 'leonardo' : 'stablediffusion', [random(), random(), random()]));
    const rater = names[i % names.length]!;
    const perceived = pair.map((p) => quality(p) + 0.3 * (random() + random() - 1));
    for (const [j, point] of pair.entries()) {
      ratings.push({ point, rating: Math.min(5, Math.max(1, Math.round(perceived[j]! + raters[rater]!))), rater });
    }
    preferences.push({ a: pair[0]!, b: pair[1]!, outcome: perceived[0]! > perceived[1]! ? 'A' : 'B', rater });
  }
  return { ratings, preferences };
}

describe('createSpace', () => {
  it('refuses an empty space, unknown and repeated providers, with messages that say what to do', () => {
    expect(() => createSpace([])).toThrow(/at least one provider/);
    expect(() => createSpace(['midjourney' as ProviderId])).toThrow(/Unknown provider "midjourney"/);
    expect(() => createSpace(['local', 'local'])).toThrow(/listed twice/);
  });

  it('orders providers canonically, so the settings order changes nothing', () => {
    expect(createSpace(['stablediffusion', 'local']).providers).toEqual(['local', 'stablediffusion']);
  });
});

describe('optimizer', () => {
  it('starts with a space-filling initial design, counting pending points, then switches to EI', () => {
    const optimizer = createOptimizer({ space, seed: 3 });
    const first = optimizer.ask(2, []);
    expect(first.map((p) => p.origin)).toEqual(['initial-design', 'initial-design']);
    // The next call with those two pending continues the sequence instead of repeating it.
    const next = optimizer.ask(2, first.map((p) => p.point));
    expect(next[0]!.point).not.toEqual(first[0]!.point);
    expect(optimizer.ask(4, [])[2]).toEqual(next[0]);
    expect(new Set(optimizer.ask(4, []).map((p) => p.point.provider)).size).toBe(2);
    const { ratings } = simulate(1, 3, { ann: 0 });
    optimizer.tell(ratings);
    expect(optimizer.status().stage).toBe('model');
    const proposals = optimizer.ask(2, []);
    expect(proposals.map((p) => p.origin)).toEqual(['ei', 'ei-constant-liar']);
    expect(optimizer.ask(1, [proposals[0]!.point])[0]!.origin).toBe('ei-constant-liar');
  });

  it('puts anchor points (the seed’s current values) first in the design', () => {
    const anchor = at('leonardo', [0.375, 0, 0.7586]);
    expect(createOptimizer({ space, seed: 1, anchors: [anchor] }).ask(1, [])[0]!.point).toEqual(anchor);
  });

  it('gives the same proposals for the same observations and seed, in any order and any batching', () => {
    const { ratings, preferences } = simulate(5, 12, { ann: 0.4, bob: -0.4 });
    const once = createOptimizer({ space, seed: 11 });
    once.tell(ratings);
    once.tellPreference(preferences);
    const rebuilt = createOptimizer({ space, seed: 11 });
    for (let i = ratings.length; i > 0; i -= 5) rebuilt.tell(ratings.slice(Math.max(0, i - 5), i));
    rebuilt.tellPreference([...preferences].reverse());
    const pending = [at('leonardo', [0.5, 0.5, 0.5])];
    expect(rebuilt.ask(2, pending)).toEqual(once.ask(2, pending));
    expect(rebuilt.status()).toEqual(once.status());
    const otherSeed = createOptimizer({ space, seed: 12 });
    otherSeed.tell(ratings);
    otherSeed.tellPreference(preferences);
    expect(otherSeed.ask(2, pending)).not.toEqual(once.ask(2, pending));
  });

  it('keeps the two points of a pair, and the pending points, apart', () => {
    const { ratings, preferences } = simulate(8, 10, { ann: 0 });
    const optimizer = createOptimizer({ space, seed: 2 });
    optimizer.tell(ratings);
    optimizer.tellPreference(preferences);
    const [a, b] = optimizer.ask(2, []);
    expect(b!.point).not.toEqual(a!.point);
    const [c] = optimizer.ask(1, [a!.point]);
    expect(c!.point).not.toEqual(a!.point);
  });

  it('rejects bad input with a message naming the problem, and changes nothing', () => {
    const { ratings, preferences } = simulate(2, 6, { ann: 0 });
    const optimizer = createOptimizer({ space, seed: 4 });
    optimizer.tell(ratings);
    optimizer.tellPreference(preferences);
    const before = { status: optimizer.status(), ask: optimizer.ask(2, []) };
    const good = ratings[0]!;
    const bad: [unknown, RegExp][] = [
      [{ ...good, rating: 0 }, /integer from 1 to 5, got 0/],
      [{ ...good, rating: 6 }, /integer from 1 to 5/],
      [{ ...good, rating: 3.5 }, /integer from 1 to 5/],
      [{ ...good, point: { ...good.point, guidance_scale: Number.NaN } }, /guidance_scale must be a finite number/],
      [{ ...good, point: { ...good.point, init_strength: 0.6 } }, /init_strength 0.6 lies outside \[0.1, 0.5\]/],
      [{ ...good, point: { ...good.point, provider: 'local' } }, /provider "local" is not in this optimizer's space/],
      [{ ...good, rater: ' ' }, /rater must be a non-empty string/],
    ];
    for (const [observation, message] of bad) {
      // The bad one comes second: the good first one must not be stored either.
      expect(() => optimizer.tell([good, observation as RatingObservation])).toThrow(message);
    }
    expect(() => optimizer.tellPreference([{ ...preferences[0]!, outcome: 'C' as 'A' }])).toThrow(/outcome must be one of A, B, tie, both_bad/);
    expect(() => optimizer.ask(2, [{ ...good.point, controlnet_weight: 1.2 }])).toThrow(/pending point 0/);
    expect(() => optimizer.ask(-1, [])).toThrow(/whole number/);
    expect(optimizer.status()).toEqual(before.status);
    expect(optimizer.ask(2, [])).toEqual(before.ask);
  });

  it('recovers the raters’ offsets (relative to their average) from simulated ratings', () => {
    // Every point is rated by all three raters, who differ by −0.8 / 0 / +0.8; rounding to integers
    // and the clamp to 1..5 blur them a little.
    const random = mulberry32(21);
    const offsets: Record<string, number> = { harsh: -0.8, neutral: 0, generous: 0.8 };
    const ratings: RatingObservation[] = [];
    for (let i = 0; i < 40; i++) {
      const point = at(random() < 0.5 ? 'leonardo' : 'stablediffusion', [random(), random(), random()]);
      for (const [rater, offset] of Object.entries(offsets)) {
        const perceived = quality(point) * 0.6 + 1 + offset + 0.3 * (random() + random() - 1);
        ratings.push({ point, rating: Math.min(5, Math.max(1, Math.round(perceived))), rater });
      }
    }
    const optimizer = createOptimizer({ space, seed: 1, usePreferences: false });
    optimizer.tell(ratings);
    const estimated = optimizer.status().rater_offsets;
    for (const [rater, offset] of Object.entries(offsets)) expect(Math.abs(estimated[rater]! - offset)).toBeLessThan(0.2);
  });

  it('learns from preferences alone: a chain of wins ranks the winner first', () => {
    const chain = [0.1, 0.3, 0.5, 0.7, 0.9].map((x) => at('stablediffusion', [x, 0.5, 0.5]));
    const optimizer = createOptimizer({ space, seed: 1, recommendFrom: 'tried' });
    const outcomes: PreferenceObservation[] = [];
    for (let i = 0; i + 1 < chain.length; i++) outcomes.push({ a: chain[i + 1]!, b: chain[i]!, outcome: 'A', rater: 'ann' });
    optimizer.tellPreference(outcomes);
    expect(optimizer.recommend()!.point).toEqual(chain[4]);
    const ignored = createOptimizer({ space, seed: 1, usePreferences: false, recommendFrom: 'tried' });
    ignored.tellPreference(outcomes);
    ignored.tell([{ point: chain[0]!, rating: 3, rater: 'ann' }, { point: chain[4]!, rating: 2, rater: 'ann' }]);
    expect(ignored.recommend()!.point).toEqual(chain[0]);
  });

  it('finds the good region of a smooth landscape and reports a calibrated-looking recommendation', () => {
    const optimizer = createOptimizer({ space, seed: 9 });
    const random = mulberry32(mixSeed(9, 1));
    let rawBest = 0;
    for (let round = 0; round < 15; round++) {
      const pair = optimizer.ask(2, []).map((p) => p.point);
      const perceived = pair.map((p) => quality(p) + 0.4 * (random() + random() - 1));
      const ratings = pair.map((point, i) => ({ point, rating: Math.min(5, Math.max(1, Math.round(perceived[i]!))), rater: 'ann' }));
      rawBest = Math.max(rawBest, ...ratings.map((r) => r.rating));
      optimizer.tell(ratings);
      optimizer.tellPreference([{ a: pair[0]!, b: pair[1]!, outcome: perceived[0]! > perceived[1]! ? 'A' : 'B', rater: 'ann' }]);
    }
    const status = optimizer.status();
    const recommendation = status.recommendation!;
    expect(quality(recommendation.point)).toBeGreaterThan(4);
    expect(recommendation.interval80[0]).toBeLessThanOrEqual(recommendation.predicted_rating);
    expect(recommendation.interval80[1]).toBeGreaterThanOrEqual(recommendation.predicted_rating);
    expect(status.convergence).toBeGreaterThan(0);
    expect(status.convergence).toBeLessThanOrEqual(1);
    expect(status.observations).toBe(30);
    expect(status.raw_best_rating).toBe(rawBest);
  });

  it('reports the stop rules: 50 samples, or a predicted rating of 4.0 from 20 samples on', () => {
    const { ratings } = simulate(3, 25, { ann: 0 });
    const optimizer = createOptimizer({ space, seed: 1 });
    expect(optimizer.status()).toMatchObject({ observations: 0, recommendation: null, stage: 'initial-design', estimated_trials_remaining: 50, stop_rule: null });
    optimizer.tell(ratings);
    expect(optimizer.status()).toMatchObject({ observations: 50, stop_rule: 'max-samples', estimated_trials_remaining: 0 });
    const good = createOptimizer({ space, seed: 1 });
    const best = at('stablediffusion', [0.3, 0.6, 0.5]);
    good.tell([...Array(6)].map(() => ({ point: best, rating: 5, rater: 'ann' })));
    // Six fives predict well above 4.0, but six ratings are too few to stop on.
    expect(good.status().recommendation!.predicted_rating).toBeGreaterThan(4);
    expect(good.status().stop_rule).toBeNull();
    good.tell([...Array(14)].map(() => ({ point: best, rating: 5, rater: 'ann' })));
    expect(good.status()).toMatchObject({ observations: 20, stop_rule: 'target-rating', estimated_trials_remaining: 0 });
  });

  it('survives duplicate points, identical ratings and a single provider', () => {
    const single = createSpace(['local']);
    const optimizer = createOptimizer({ space: single, seed: 1 });
    const point = at('local', [0.5, 0.5, 0.5]);
    optimizer.tell([...Array(30)].map(() => ({ point, rating: 3, rater: 'ann' })));
    optimizer.tell([{ point: at('local', [0.5, 0.5, 0.5001]), rating: 3, rater: 'bob' }]);
    const proposals = optimizer.ask(2, [point, point]);
    expect(proposals).toHaveLength(2);
    for (const { point: p } of proposals) expect(Object.values(p).every((v) => typeof v === 'string' || Number.isFinite(v))).toBe(true);
    const status = optimizer.status();
    expect(status.recommendation!.predicted_rating).toBeCloseTo(3, 1);
    expect(Number.isFinite(status.convergence)).toBe(true);
  });
});
