import { betaCdf, studentTCdf } from './distributions';

// The decision of a candidate's paired A/B test. Each pair shows the same source render with the
// same parameters and seed, one side with the current version and the other with the candidate (the
// side drawn per pair, so trainers cannot learn it). Results are read in the test's terms: "a" is the
// current version, "b" the candidate, so d = rating_b - rating_a is the prompt's effect plus noise.
//
// Decision rule (documented in README "Prompt evolution"):
//  1. Differences: d_i ~ Normal(mu, sigma^2) with the conjugate Normal-Inverse-Gamma prior
//     mu | sigma^2 ~ N(0, sigma^2 / KAPPA0), sigma^2 ~ Inv-Gamma(ALPHA0, BETA0). The prior is
//     sceptical (centred on "no difference", worth one pair) and expects differences of about one
//     rating point (E[sigma^2] = BETA0 / (ALPHA0 - 1) = 1). The posterior of mu is Student t
//     (Gelman et al., Bayesian Data Analysis, 3rd ed., §3.3); P_rating = P(mu > 0 | d).
//  2. Outcomes: p = P(trainer prefers B) ~ Beta(1, 1); each pair adds 1 to B's or A's count for
//     a B or A outcome, 1/2 to each for a tie, nothing for "both bad". P_choice = P(p > 1/2).
//  3. After 5 rated pairs the candidate wins when P_rating >= 0.9 and P_choice >= 0.5 (the trainers'
//     explicit choices must not contradict the ratings); otherwise the current version stays.
//  4. Early stopping, from the 3rd rated pair on: a candidate already clearly better (P_rating >= 0.97,
//     P_choice >= 0.5) wins at once, and one with little hope left (P_rating <= 0.3) is dropped at once.
//     Trainer time is what limits how many candidates an evolution can try; spending two more pairs
//     on a test whose end is already plain buys little. The stricter early bar keeps the false wins
//     near those of the full test (tests/unit/prompts/paired-test.test.ts simulates both).

export const TEST_PAIRS = 5;
export const WIN_PROBABILITY = 0.9;
export const CHOICE_PROBABILITY = 0.5;
/** The first rated pair after which a test may stop early. */
export const EARLY_STOP_FROM = 3;
export const EARLY_WIN_PROBABILITY = 0.97;
export const FUTILITY_PROBABILITY = 0.3;
const KAPPA0 = 1;
const ALPHA0 = 2;
const BETA0 = 1;

export interface PairResult {
  /** Rating of the current version's image, on whichever side it was shown. */
  rating_a: number;
  /** Rating of the candidate's image. */
  rating_b: number;
  /** 'A': the current version was preferred, 'B': the candidate. */
  outcome: 'A' | 'B' | 'tie' | 'both_bad';
}

export interface PairedDecision {
  pairs: number;
  mean_difference: number | null;
  /** Posterior probability that the candidate's mean rating is higher. */
  p_better_rating: number;
  /** Posterior probability that trainers prefer the candidate in a pair. */
  p_preferred: number;
  wins: { candidate: number; current: number; ties: number; both_bad: number };
  verdict: 'candidate_better' | 'keep_current' | 'undecided';
  /** Decided before TEST_PAIRS pairs: a clear win, or a test with little hope left; null otherwise. */
  stopped_early: 'win' | 'futile' | null;
  rule: string;
}

export const DECISION_RULE =
  `After ${TEST_PAIRS} paired samples the candidate wins when the posterior probability that its mean rating is higher ` +
  `(Normal model of the paired differences, sceptical Normal-Inverse-Gamma prior) is at least ${WIN_PROBABILITY} and the ` +
  `posterior probability that trainers prefer it in a pair (Beta(1,1) prior on the A/B choices) is at least ${CHOICE_PROBABILITY}. ` +
  `From the ${EARLY_STOP_FROM}rd pair on a test stops early: as a win once the first probability is at least ${EARLY_WIN_PROBABILITY} ` +
  `(and the second at least ${CHOICE_PROBABILITY}), as a loss once the first is at most ${FUTILITY_PROBABILITY}.`;

export function posteriorBetterRating(differences: readonly number[]): number {
  const n = differences.length;
  if (n === 0) return 0.5;
  const mean = differences.reduce((a, b) => a + b, 0) / n;
  const squares = differences.reduce((a, d) => a + (d - mean) ** 2, 0);
  const kappa = KAPPA0 + n;
  const mu = (n * mean) / kappa;
  const alpha = ALPHA0 + n / 2;
  const beta = BETA0 + squares / 2 + (KAPPA0 * n * mean * mean) / (2 * kappa);
  const scale = Math.sqrt(beta / (alpha * kappa));
  return 1 - studentTCdf(-mu / scale, 2 * alpha);
}

export function decidePairedTest(pairs: readonly PairResult[], required = TEST_PAIRS): PairedDecision {
  const differences = pairs.map((p) => p.rating_b - p.rating_a);
  const wins = { candidate: 0, current: 0, ties: 0, both_bad: 0 };
  for (const p of pairs) {
    if (p.outcome === 'B') wins.candidate++;
    else if (p.outcome === 'A') wins.current++;
    else if (p.outcome === 'tie') wins.ties++;
    else wins.both_bad++;
  }
  const a = 1 + wins.candidate + wins.ties / 2;
  const b = 1 + wins.current + wins.ties / 2;
  const pRating = posteriorBetterRating(differences);
  const pPreferred = 1 - betaCdf(0.5, a, b);
  const complete = pairs.length >= required;
  const preferred = pPreferred >= CHOICE_PROBABILITY;
  const early = complete || pairs.length < Math.min(EARLY_STOP_FROM, required) ? null : pRating >= EARLY_WIN_PROBABILITY && preferred ? 'win' : pRating <= FUTILITY_PROBABILITY ? 'futile' : null;
  const verdict = early === 'win' ? 'candidate_better' : early === 'futile' ? 'keep_current' : !complete ? 'undecided' : pRating >= WIN_PROBABILITY && preferred ? 'candidate_better' : 'keep_current';
  return {
    pairs: pairs.length,
    mean_difference: differences.length ? differences.reduce((x, y) => x + y, 0) / differences.length : null,
    p_better_rating: pRating,
    p_preferred: pPreferred,
    wins,
    verdict,
    stopped_early: early,
    rule: DECISION_RULE,
  };
}
