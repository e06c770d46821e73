import { describe, expect, it } from 'vitest';
import { createSpace, type CanonicalPoint, type PreferenceObservation, type RatingObservation } from '../../../core/optimizer';
import { buildDataset, pointKey } from '../../../core/optimizer/dataset';
import { fitModel, type ModelSettings } from '../../../core/optimizer/model';
import { predictAtPoint } from '../../../core/optimizer/posterior';
import { PRIOR_WEIGHT } from '../../../core/raters';
import { observationsOf } from '../../../core/learning/phase1';
import type { RatedOption } from '../../../core/store';

const space = createSpace(['leonardo']);
const point = (init: number): CanonicalPoint => ({ provider: 'leonardo', init_strength: init, guidance_scale: 8, controlnet_weight: 0.85 });
const good = point(0.15);
const poor = point(0.45);
const others = [point(0.25), point(0.35)];
const settings: ModelSettings = { providerEncoding: 'coregionalised', raterOffsets: true, usePreferences: true, priors: 'rating-scale' };

/** Two careful raters agree that `good` beats `poor`; the fitted gap f(good) − f(poor), in rating points. */
function gap(ratings: RatingObservation[], preferences: PreferenceObservation[]): number {
  const dataset = buildDataset(space, 'coregionalised', ratings, preferences, false);
  const model = fitModel(dataset, settings, 1, 7, 'prior');
  const at = (p: CanonicalPoint) => predictAtPoint(model.posterior, dataset.points.findIndex((q) => pointKey(q) === pointKey(p))).mean;
  return at(good) - at(poor);
}

const careful: RatingObservation[] = ['ann', 'bob'].flatMap((rater) => [
  { point: good, rating: 4, rater },
  { point: poor, rating: 2, rater },
  { point: others[0]!, rating: 4, rater },
  { point: others[1]!, rating: 3, rater },
]);

describe('ratings weighted by their rater reliability', () => {
  it('a careless rater who reverses the order moves the fitted gap less when weighted as unreliable', () => {
    const careless = (weight?: number): RatingObservation[] =>
      [1, 2, 3].flatMap(() => [
        { point: good, rating: 1, rater: 'cat', ...(weight === undefined ? {} : { weight }) },
        { point: poor, rating: 5, rater: 'cat', ...(weight === undefined ? {} : { weight }) },
      ]);
    const alone = gap(careful, []);
    const trusted = gap([...careful, ...careless()], []);
    const doubted = gap([...careful, ...careless(0.1)], []);
    expect(alone).toBeGreaterThan(0.5);
    // Unweighted, the three reversed pairs pull the gap well down; weighted at 0.1 they barely do.
    expect(alone - trusted).toBeGreaterThan(0.3);
    expect(alone - doubted).toBeLessThan(0.5 * (alone - trusted));
    expect(doubted).toBeGreaterThan(trusted);
  });

  it('a careless rater’s explicit choices against the ratings count for less when weighted as unreliable', () => {
    const choices = (weight: number): PreferenceObservation[] =>
      [1, 2, 3, 4].map(() => ({ a: good, b: poor, outcome: 'B', rater: 'cat', weight }));
    const alone = gap(careful, []);
    const trusted = gap(careful, choices(1));
    const doubted = gap(careful, choices(0.1));
    expect(alone - trusted).toBeGreaterThan(0);
    expect(alone - doubted).toBeLessThan(0.5 * (alone - trusted));
  });

  it('refuses a weight outside (0, 1] with a message naming the field', async () => {
    const { createOptimizer } = await import('../../../core/optimizer');
    const optimizer = createOptimizer({ space, seed: 1 });
    expect(() => optimizer.tell([{ point: good, rating: 4, rater: 'ann', weight: 0 }])).toThrow(/weight must be a number in \(0, 1\]/);
  });
});

describe('the service weights each rated option by its rater', () => {
  const option = (rating_id: string, label: 'A' | 'B', rated_by: string, init_strength: number): RatedOption => ({
    rating_id,
    experiment_id: `exp_${rating_id}`,
    mode: 'structure',
    label,
    provider: 'local',
    parameters: { api: 'local', init_strength, guidance_scale: 7, controlnet_weight: 0.9 },
    prompt_version: 'v1.0.0',
    rating: 3,
    comment: '',
    outcome: 'A',
    rated_by,
    answered_at: '2026-01-01T00:00:00Z',
  });
  const rated = [option('r1', 'A', 'ana', 0.2), option('r1', 'B', 'ana', 0.4), option('r2', 'A', 'cat', 0.2), option('r2', 'B', 'cat', 0.4)];

  it('relative to the most reliable rater, so a team of equals keeps weight 1', () => {
    const { ratings, preferences } = observationsOf(rated, ['local'], new Map([['ana', 0.8], ['cat', 0.2]]));
    expect(ratings.map((r) => [r.rater, r.weight])).toEqual([['ana', 1], ['ana', 1], ['cat', 0.25], ['cat', 0.25]]);
    expect(preferences.map((p) => p.weight)).toEqual([1, 0.25]);
    expect(observationsOf(rated, ['local']).ratings.every((r) => r.weight === 1)).toBe(true);
  });

  it('gives a rater with no measured figures the prior weight', () => {
    const { ratings } = observationsOf(rated, ['local'], new Map([['ana', 0.98]]));
    expect(ratings.find((r) => r.rater === 'cat')!.weight).toBeCloseTo(PRIOR_WEIGHT / 0.98, 12);
  });
});

describe('the optimizer keeps the weights it is told', () => {
  it('passes each rating’s weight to the model: the recommendation’s predicted rating depends on it', async () => {
    const { createOptimizer } = await import('../../../core/optimizer');
    const recommended = (weight?: number) => {
      const optimizer = createOptimizer({ space, seed: 3, hyperparameters: 'prior' });
      optimizer.tell(careful);
      const w = weight === undefined ? {} : { weight };
      optimizer.tell([1, 2, 3, 4, 5].flatMap(() => [{ point: good, rating: 1, rater: 'cat', ...w }, { point: poor, rating: 5, rater: 'cat', ...w }]));
      return optimizer.recommend()!.predicted_rating;
    };
    // The predicted rating of the recommended point moves when only the weight differs.
    expect(recommended(0.05)).not.toBeCloseTo(recommended(), 2);
  });
});
