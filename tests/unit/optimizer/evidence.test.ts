import { describe, expect, it } from 'vitest';
import type { Outcome, ProviderId } from '../../../core/api';
import { createOptimizer, createSpace, mulberry32, type CanonicalPoint, type PreferenceObservation, type RatingObservation } from '../../../core/optimizer';
import { addedEvidence } from '../../../core/optimizer/dataset';
import { observationsOf } from '../../../core/learning/phase1';
import type { RatedOption } from '../../../core/store';

const space = createSpace(['leonardo', 'stablediffusion']);
const at = (provider: ProviderId, u: [number, number, number]): CanonicalPoint => ({
  provider,
  init_strength: 0.1 + 0.4 * u[0],
  guidance_scale: 5 + 7 * u[1],
  controlnet_weight: 0.7 + 0.29 * u[2],
});
const quality = (p: CanonicalPoint) => 1.5 + 3 * Math.exp(-(((p.init_strength - 0.25) / 0.15) ** 2)) + (p.provider === 'leonardo' ? 0.3 : 0);

/** Rounds of two ratings each, and the outcome the app derives from them (the higher rating wins). */
function rounds(seed: number, count: number) {
  const random = mulberry32(seed);
  const ratings: RatingObservation[] = [];
  const derived: PreferenceObservation[] = [];
  for (let i = 0; i < count; i++) {
    const pair = [0, 1].map(() => at(random() < 0.5 ? 'leonardo' : 'stablediffusion', [random(), random(), random()]));
    const rater = i % 2 ? 'ann' : 'bob';
    const [a, b] = pair.map((p) => Math.min(5, Math.max(1, Math.round(quality(p) + (random() - 0.5))))) as [number, number];
    ratings.push({ point: pair[0]!, rating: a, rater }, { point: pair[1]!, rating: b, rater });
    const outcome: Outcome = a > b ? 'A' : b > a ? 'B' : 'tie';
    derived.push({ a: pair[0]!, b: pair[1]!, outcome, rater, ratings: { a, b } });
  }
  return { ratings, derived };
}

describe('each fact counts once', () => {
  it('keeps only what an outcome adds beyond its two ratings', () => {
    const [p, q] = [at('leonardo', [0.2, 0.2, 0.2]), at('leonardo', [0.8, 0.8, 0.8])];
    const round = (outcome: Outcome, a: number, b: number): PreferenceObservation => ({ a: p, b: q, outcome, rater: 'ann', ratings: { a, b } });
    expect(addedEvidence(round('A', 4, 2))).toBeNull();
    expect(addedEvidence(round('tie', 3, 3))).toBeNull();
    // A tie broken by an explicit choice, an explicit tie between different ratings, a choice against the ratings.
    expect(addedEvidence(round('B', 3, 3))).toBe('B');
    expect(addedEvidence(round('tie', 4, 2))).toBe('tie');
    expect(addedEvidence(round('B', 4, 2))).toBe('B');
    expect(addedEvidence(round('both_bad', 1, 1))).toBeNull();
    // Without the round's ratings the outcome is a judgement of its own.
    expect(addedEvidence({ a: p, b: q, outcome: 'A', rater: 'ann' })).toBe('A');
  });

  it('feeding the derived outcome of the same pairs changes nothing: posterior, proposals, status', () => {
    const { ratings, derived } = rounds(5, 14);
    const ratingsOnly = createOptimizer({ space, seed: 2 });
    ratingsOnly.tell(ratings);
    const withOutcomes = createOptimizer({ space, seed: 2 });
    withOutcomes.tell(ratings);
    withOutcomes.tellPreference(derived);
    expect(withOutcomes.status()).toEqual(ratingsOnly.status());
    expect(withOutcomes.ask(2, [])).toEqual(ratingsOnly.ask(2, []));
  });

  it('an outcome that contradicts the ratings moves the posterior', () => {
    const { ratings, derived } = rounds(5, 14);
    const index = derived.findIndex((d) => d.outcome === 'A');
    const contradicted = derived.map((d, i) => (i === index ? { ...d, outcome: 'B' as const } : d));
    const ratingsOnly = createOptimizer({ space, seed: 2 });
    ratingsOnly.tell(ratings);
    const overruled = createOptimizer({ space, seed: 2 });
    overruled.tell(ratings);
    overruled.tellPreference(contradicted);
    expect(overruled.status().recommendation).not.toEqual(ratingsOnly.status().recommendation);
  });

  it('refuses round ratings that are not integers 1 to 5', () => {
    const { derived } = rounds(5, 1);
    const optimizer = createOptimizer({ space, seed: 2 });
    expect(() => optimizer.tellPreference([{ ...derived[0]!, ratings: { a: 6, b: 2 } }])).toThrow(/ratings.a must be an integer from 1 to 5/);
  });
});

describe('the service', () => {
  const option = (label: 'A' | 'B', init_strength: number, rating: number): RatedOption => ({
    rating_id: 'r1',
    experiment_id: 'exp_r1',
    mode: 'structure',
    label,
    provider: 'local',
    parameters: { api: 'local', init_strength, guidance_scale: 7, controlnet_weight: 0.9 },
    prompt_version: 'v1.0.0',
    rating,
    comment: '',
    outcome: 'A',
    rated_by: 'ana',
    answered_at: '2026-01-01T00:00:00Z',
  });

  it('sends each outcome with the two ratings of its round, so the optimizer can count it once', () => {
    const { preferences } = observationsOf([option('B', 0.4, 2), option('A', 0.2, 4)], ['local']);
    expect(preferences).toHaveLength(1);
    expect(preferences[0]!.ratings).toEqual({ a: 4, b: 2 });
    expect(addedEvidence(preferences[0]!)).toBeNull();
  });
});
