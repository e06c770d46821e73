import type { Outcome } from '../api';
import type { EncodedPoint, ProviderEncoding } from './kernel';
import type { PreferenceRow } from './laplace';
import { CONTINUOUS_DIMENSIONS, fromUnit, toUnit, type CanonicalPoint, type OptimizerSpace } from './space';

/**
 * The observations as the model sees them: distinct points, ratings centred (and standardised
 * for the generic priors), raters indexed, preferences oriented winner-first. Everything is put in a canonical order first, so the same
 * ratings give the same model whatever order the store returns them in (a sync may interleave them).
 */

export interface RatingObservation {
  point: CanonicalPoint;
  /** An integer from 1 to 5. */
  rating: number;
  rater: string;
  /** The rater's reliability in (0, 1] (core/raters): the rating counts as 1/weight times as noisy. Default 1. */
  weight?: number;
}

export interface PreferenceObservation {
  a: CanonicalPoint;
  b: CanonicalPoint;
  outcome: Outcome;
  rater: string;
  /** The rater's reliability in (0, 1]: the comparison's log-likelihood is scaled by it. Default 1. */
  weight?: number;
  /**
   * The two ratings given in the same round, when the outcome was sent with them. The app derives
   * the outcome from them unless the trainer says otherwise, so only what the outcome adds beyond
   * them is evidence (`addedEvidence`). Without them the outcome counts as a judgement of its own.
   */
  ratings?: { a: number; b: number };
}

/**
 * What an A/B outcome says beyond the round's two ratings. The outcome the ratings imply (the
 * higher rating wins, equal ratings tie) repeats them: counting it again would double the weight
 * of those two ratings. What remains is a tie broken by an explicit choice, an explicit tie between
 * different ratings, and a choice against the ratings. "Both bad" compares nothing: the two low
 * ratings carry it.
 */
export function addedEvidence(p: PreferenceObservation): 'A' | 'B' | 'tie' | null {
  if (p.outcome === 'both_bad') return null;
  if (!p.ratings) return p.outcome;
  const implied = p.ratings.a > p.ratings.b ? 'A' : p.ratings.b > p.ratings.a ? 'B' : 'tie';
  return p.outcome === implied ? null : p.outcome;
}

export interface Dataset {
  points: CanonicalPoint[];
  encoded: EncodedPoint[];
  /** Centred ratings, (rating − mean)/scale: scale is the ratings' spread if standardised, else 1. */
  ratings: { point: number; rater: number; value: number; weight: number }[];
  /** Raters who gave ratings, sorted; their offsets are modelled. */
  raters: string[];
  preferences: PreferenceRow[];
  mean: number;
  scale: number;
}

/** Ratings are standardised with at least this spread, so a run of equal ratings stays finite. */
const MIN_SCALE = 0.5;

export function pointKey(point: CanonicalPoint): string {
  return [point.provider, ...CONTINUOUS_DIMENSIONS.map((d) => point[d])].join('|');
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function encodePoint(space: OptimizerSpace, encoding: ProviderEncoding, point: CanonicalPoint): EncodedPoint {
  const provider = space.providers.indexOf(point.provider);
  const coords = CONTINUOUS_DIMENSIONS.map((d) => toUnit(d, point[d]));
  if (encoding === 'axis' && space.providers.length > 1) coords.push(provider / (space.providers.length - 1));
  return { coords: Float64Array.from(coords), provider };
}

export function decodePoint(space: OptimizerSpace, provider: number, coords: ArrayLike<number>): CanonicalPoint {
  const point = { provider: space.providers[provider]! } as CanonicalPoint;
  CONTINUOUS_DIMENSIONS.forEach((d, i) => (point[d] = fromUnit(d, coords[i]!)));
  return point;
}

export function buildDataset(
  space: OptimizerSpace,
  encoding: ProviderEncoding,
  ratings: readonly RatingObservation[],
  preferences: readonly PreferenceObservation[],
  standardise: boolean,
): Dataset {
  const sortedRatings = ratings
    .map((r) => ({ ...r, key: pointKey(r.point) }))
    .sort((x, y) => byText(x.key, y.key) || byText(x.rater, y.rater) || x.rating - y.rating);
  const comparisons = preferences
    .map((p) => ({ p, evidence: addedEvidence(p) }))
    .filter(({ evidence }) => evidence !== null)
    .map(({ p, evidence }) => ({
      weight: p.weight ?? 1,
      ...(evidence === 'B' ? { winner: p.b, loser: p.a, tie: false } : { winner: p.a, loser: p.b, tie: evidence === 'tie' }),
    }))
    .map((c) => ({ ...c, winnerKey: pointKey(c.winner), loserKey: pointKey(c.loser) }))
    .sort((x, y) => byText(x.winnerKey, y.winnerKey) || byText(x.loserKey, y.loserKey) || Number(x.tie) - Number(y.tie) || x.weight - y.weight);

  const keys = new Map<string, CanonicalPoint>();
  for (const r of sortedRatings) keys.set(r.key, r.point);
  for (const c of comparisons) {
    if (!keys.has(c.winnerKey)) keys.set(c.winnerKey, c.winner);
    if (!keys.has(c.loserKey)) keys.set(c.loserKey, c.loser);
  }
  const orderedKeys = [...keys.keys()].sort(byText);
  const index = new Map(orderedKeys.map((k, i) => [k, i]));
  const points = orderedKeys.map((k) => keys.get(k)!);

  const raters = [...new Set(sortedRatings.map((r) => r.rater))].sort(byText);
  const raterIndex = new Map(raters.map((r, i) => [r, i]));
  const n = sortedRatings.length;
  const mean = n > 0 ? sortedRatings.reduce((s, r) => s + r.rating, 0) / n : 3;
  const variance = n > 0 ? sortedRatings.reduce((s, r) => s + (r.rating - mean) ** 2, 0) / n : 1;
  const scale = standardise ? Math.max(Math.sqrt(variance), MIN_SCALE) : 1;

  return {
    points,
    encoded: points.map((p) => encodePoint(space, encoding, p)),
    ratings: sortedRatings.map((r) => ({
      point: index.get(r.key)!,
      rater: raterIndex.get(r.rater)!,
      value: (r.rating - mean) / scale,
      weight: r.weight ?? 1,
    })),
    raters,
    preferences: comparisons.map((c) => ({ a: index.get(c.winnerKey)!, b: index.get(c.loserKey)!, tie: c.tie, weight: c.weight })),
    mean,
    scale,
  };
}
