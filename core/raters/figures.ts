import { krippendorffAlpha, type Alpha } from './krippendorff';
import { binomialTwoSided, median, variance, wilson, type Proportion } from './stats';
import type { Outcome, RaterAnswer } from './types';

export type AgreementAlpha = Alpha & { low: number | null; high: number | null };

export interface RaterFigures {
  rater: string;
  pairs: number;
  /** Gold pairs where the intact side won: chosen as the outcome, or rated higher. */
  gold: Proportion;
  /** Repeats whose outcome matched the rater's earlier answer on the same item (read in the item's orientation). */
  selfConsistency: Proportion;
  /** Mean absolute difference between a repeat's ratings and the earlier ones; null without repeats. */
  repeatRatingDifference: number | null;
  /** Ordinal α between this rater's ratings and the other raters' consensus on the same options. */
  agreement: AgreementAlpha;
  /** Outcome comparisons with each other rater on shared items that matched. */
  outcomeAgreement: Proportion;
  /** The same agreement on the overlap pairs alone: pairs offered to a second trainer through the server. */
  overlap: OverlapFigures;
  medianSeconds: { value: number | null; n: number };
  ratingVariance: { value: number | null; n: number };
  /** Decisive outcomes (A or B) that chose the left side, with the exact two-sided binomial p against 0.5. */
  leftChoice: Proportion & { p: number };
}

export interface OverlapFigures {
  /** Overlap pairs this rater answered that another rater answered too. */
  pairs: number;
  alpha: AgreementAlpha;
  outcomeAgreement: Proportion;
}

export interface TeamFigures {
  raters: RaterFigures[];
  teamMedianSeconds: { value: number | null; n: number };
  teamRatingVariance: { value: number | null; n: number };
}

const flip = (outcome: Outcome): Outcome => (outcome === 'A' ? 'B' : outcome === 'B' ? 'A' : outcome);

/** The answer in its item's own orientation, so showings with swapped sides compare directly. */
function canonical(a: RaterAnswer): { ratingA: number; ratingB: number; outcome: Outcome } {
  return a.swapped
    ? { ratingA: a.ratingB, ratingB: a.ratingA, outcome: flip(a.outcome) }
    : { ratingA: a.ratingA, ratingB: a.ratingB, outcome: a.outcome };
}

export function goldCorrect(a: RaterAnswer): boolean {
  const intact = a.brokenSide === 'A' ? 'B' : 'A';
  const intactRating = intact === 'A' ? a.ratingA : a.ratingB;
  const brokenRating = intact === 'A' ? a.ratingB : a.ratingA;
  return a.outcome === intact || (a.outcome !== flip(intact) && intactRating > brokenRating);
}

function byItem(answers: readonly RaterAnswer[]): Map<string, RaterAnswer[]> {
  const items = new Map<string, RaterAnswer[]>();
  for (const a of answers) items.set(a.item, [...(items.get(a.item) ?? []), a]);
  return items;
}

/** Each rater's first answer on an item stands for them in comparisons with others. */
function firstByRater(answers: readonly RaterAnswer[]): Map<string, RaterAnswer> {
  const first = new Map<string, RaterAnswer>();
  for (const a of answers) if (!first.has(a.rater)) first.set(a.rater, a);
  return first;
}

function selfConsistencyOf(mine: readonly RaterAnswer[]) {
  let consistent = 0;
  let repeats = 0;
  let difference = 0;
  for (const answers of byItem(mine).values()) {
    const [first, ...later] = answers.map(canonical);
    for (const again of later) {
      repeats++;
      if (again.outcome === first!.outcome) consistent++;
      difference += (Math.abs(again.ratingA - first!.ratingA) + Math.abs(again.ratingB - first!.ratingB)) / 2;
    }
  }
  return { proportion: wilson(consistent, repeats), difference: repeats > 0 ? difference / repeats : null };
}

type Items = ReadonlyMap<string, ReadonlyMap<string, RaterAnswer>>;

/**
 * The rater's ratings against the others' on the same options, and outcomes against each other
 * rater's. The others' ratings are combined by `consensus`: first their median, then a mean
 * weighted by each colleague's own first-pass α (negative counts as 0; the median again when
 * every weight is 0), so one careless colleague
 * does not drag down everyone else's agreement.
 */
function agreementOf(rater: string, items: Items, weights: ReadonlyMap<string, number> | null) {
  const units: number[][] = [];
  let matched = 0;
  let comparisons = 0;
  const consensus = (others: readonly { rater: string; value: number }[]): number => {
    const total = weights ? others.reduce((s, o) => s + (weights.get(o.rater) ?? 0), 0) : 0;
    if (!weights || total === 0) return median(others.map((o) => o.value))!;
    return others.reduce((s, o) => s + (weights.get(o.rater) ?? 0) * o.value, 0) / total;
  };
  for (const raters of items.values()) {
    const own = raters.get(rater);
    const others = [...raters.values()].filter((a) => a.rater !== rater).map((a) => ({ rater: a.rater, ...canonical(a) }));
    if (!own || others.length === 0) continue;
    const mine = canonical(own);
    const panelA = consensus(others.map((o) => ({ rater: o.rater, value: o.ratingA })));
    const panelB = consensus(others.map((o) => ({ rater: o.rater, value: o.ratingB })));
    units.push([mine.ratingA, panelA], [mine.ratingB, panelB]);
    for (const o of others) {
      comparisons++;
      if (o.outcome === mine.outcome) matched++;
    }
  }
  return { units, outcomes: wilson(matched, comparisons) };
}

const BOOTSTRAP_SAMPLES = 200;

/**
 * A 95 % percentile bootstrap interval for α, resampling pairs (each pair's two options stay
 * together, since one showing gave both), as Krippendorff suggests for α's sampling error.
 */
function alphaWithInterval(units: readonly number[][], random: (() => number) | undefined): AgreementAlpha {
  const alpha = krippendorffAlpha(units, 'ordinal');
  const pairs = units.length / 2;
  if (!random || alpha.value === null || pairs < 2) return { ...alpha, low: null, high: null };
  const draws: number[] = [];
  for (let s = 0; s < BOOTSTRAP_SAMPLES; s++) {
    const sample: number[][] = [];
    for (let i = 0; i < pairs; i++) {
      const pick = Math.floor(random() * pairs);
      sample.push(units[2 * pick]!, units[2 * pick + 1]!);
    }
    const value = krippendorffAlpha(sample, 'ordinal').value;
    if (value !== null) draws.push(value);
  }
  draws.sort((a, b) => a - b);
  const at = (q: number) => draws[Math.min(draws.length - 1, Math.floor(q * draws.length))] ?? null;
  return { ...alpha, low: at(0.025), high: at(0.975) };
}

function agreements(raters: readonly string[], items: Items, random: (() => number) | undefined) {
  const firstPass = new Map(raters.map((r) => [r, Math.max(0, krippendorffAlpha(agreementOf(r, items, null).units, 'ordinal').value ?? 0)]));
  return new Map(
    raters.map((r) => {
      const { units, outcomes } = agreementOf(r, items, firstPass);
      return [r, { alpha: alphaWithInterval(units, random), outcomes }];
    }),
  );
}

/**
 * Every figure for every rater, from the effective ratings in the order they were given. `random`
 * (seeded by the caller) draws the bootstrap interval of α; without it α has no interval.
 */
export function raterFigures(answers: readonly RaterAnswer[], random?: () => number): TeamFigures {
  const items = new Map([...byItem(answers)].map(([item, list]) => [item, firstByRater(list)]));
  const raters = [...new Set(answers.map((a) => a.rater))].sort();
  const seconds = (list: readonly RaterAnswer[]) => list.flatMap((a) => (a.seconds === null ? [] : [a.seconds]));
  const ratings = (list: readonly RaterAnswer[]) => list.flatMap((a) => [a.ratingA, a.ratingB]);

  const agreement = agreements(raters, items, random);
  const overlapItems = new Map([...items].filter(([, byRater]) => [...byRater.values()].some((a) => a.overlap === true)));
  const overlap = agreements(raters, overlapItems, random);
  const overlapPairs = (rater: string) => [...overlapItems.values()].filter((byRater) => byRater.has(rater) && byRater.size > 1).length;
  const figures = raters.map((rater): RaterFigures => {
    const mine = answers.filter((a) => a.rater === rater);
    const gold = mine.filter((a) => a.brokenSide !== null);
    const decisive = mine.filter((a) => a.outcome === 'A' || a.outcome === 'B');
    const left = decisive.filter((a) => a.outcome === 'A').length;
    const consistency = selfConsistencyOf(mine);
    const mySeconds = seconds(mine);
    const myRatings = ratings(mine);
    return {
      rater,
      pairs: mine.length,
      gold: wilson(gold.filter(goldCorrect).length, gold.length),
      selfConsistency: consistency.proportion,
      repeatRatingDifference: consistency.difference,
      agreement: agreement.get(rater)!.alpha,
      outcomeAgreement: agreement.get(rater)!.outcomes,
      overlap: { pairs: overlapPairs(rater), alpha: overlap.get(rater)!.alpha, outcomeAgreement: overlap.get(rater)!.outcomes },
      medianSeconds: { value: median(mySeconds), n: mySeconds.length },
      ratingVariance: { value: variance(myRatings), n: myRatings.length },
      leftChoice: { ...wilson(left, decisive.length), p: binomialTwoSided(left, decisive.length) },
    };
  });
  const allSeconds = seconds(answers);
  const allRatings = ratings(answers);
  return {
    raters: figures,
    teamMedianSeconds: { value: median(allSeconds), n: allSeconds.length },
    teamRatingVariance: { value: variance(allRatings), n: allRatings.length },
  };
}
