import type { RaterFigures } from './figures';

/**
 * How much learning trusts one rater, from the checks that have a right answer: gold pairs (the
 * intact side should win) and swapped repeats (the same answer again). Each check is a Bernoulli
 * trial with the rater's hit rate p; a rater who answers at random has p = ½.
 *
 *   p̂ = (hits + PRIOR_STRENGTH·PRIOR_HIT_RATE) / (checks + PRIOR_STRENGTH)     (Beta prior, posterior mean)
 *   weight = max(MIN_WEIGHT, max(0, 2p̂ − 1)²)
 *
 * (2p − 1)² is the squared correlation between a ±1 answer that is right with probability p and
 * the truth, i.e. the share of the answer that is signal; a random rater's answers carry none, and
 * a rater below chance (who reverses answers) none that learning could use as given. The
 * prior keeps a new rater at (2·0.85 − 1)² = 0.49 until checks arrive, so one lucky or unlucky gold
 * pair moves the weight only a little; MIN_WEIGHT keeps every rating a finite observation (an
 * admin excludes a rater outright with raters.exclude).
 */
export const RELIABILITY_PRIOR = { hitRate: 0.85, strength: 10, minWeight: 0.05 } as const;

export interface RaterReliability {
  rater: string;
  hits: number;
  checks: number;
  /** The shrunk hit rate p̂. */
  hitRate: number;
  weight: number;
}

export function raterReliability(figures: Pick<RaterFigures, 'rater' | 'gold' | 'selfConsistency'>): RaterReliability {
  const hits = figures.gold.successes + figures.selfConsistency.successes;
  const checks = figures.gold.n + figures.selfConsistency.n;
  const { hitRate: prior, strength, minWeight } = RELIABILITY_PRIOR;
  const hitRate = (hits + strength * prior) / (checks + strength);
  return { rater: figures.rater, hits, checks, hitRate, weight: Math.max(minWeight, Math.max(0, 2 * hitRate - 1) ** 2) };
}

/** Each rater's weight; a rater with no figures (none of their answers are known) gets the prior's. */
export function reliabilityWeights(raters: readonly Pick<RaterFigures, 'rater' | 'gold' | 'selfConsistency'>[]): Map<string, number> {
  return new Map(raters.map((r) => [r.rater, raterReliability(r).weight]));
}

export const PRIOR_WEIGHT = Math.max(RELIABILITY_PRIOR.minWeight, (2 * RELIABILITY_PRIOR.hitRate - 1) ** 2);

/**
 * Each rater's weight relative to the most reliable of `raters` (those whose work is being
 * learnt from): learning fits its noise on the ratings as they are, so a team of equally careful
 * raters keeps weight 1 and the model it had. A rater missing from `weights` gets the prior's weight.
 */
export function relativeWeights(weights: ReadonlyMap<string, number>, raters: Iterable<string>): (rater: string) => number {
  const absolute = (rater: string) => weights.get(rater) ?? PRIOR_WEIGHT;
  const most = Math.max(0, ...[...raters].map(absolute));
  return (rater) => (most > 0 ? absolute(rater) / most : 1);
}
