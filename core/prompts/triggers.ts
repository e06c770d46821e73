// The seed's evolution triggers ("Evolution Triggers" and "Prompt Evolution Criteria"):
//  1. every 10 samples, when the best rating is below 4.5;
//  2. low performance: the best rating below 4.0 after 20 samples;
//  3. plateau: no improvement in the last 15 samples;
//  4. manual ("Evolve now", handled by the service, not here).
// Samples are rated options (a rated pair gives two), counted over both modes, because one prompt
// version serves both. "Best rating" is the current prompt version's mean rating: ratings are whole
// numbers, so the highest single one reaches 5 early and would switch evolution off for good. A
// plateau compares the mean of the last 15 samples with the 15 before them, for the same reason.
// A trigger only fires while no evolution runs and no candidate is being tested: a new evolution
// must see the outcome of the last one.

import type { EvolutionWait } from '../api';

export const EVOLUTION_INTERVAL = 10;
export const EVOLUTION_TARGET_RATING = 4.5;
export const LOW_PERFORMANCE_RATING = 4.0;
export const LOW_PERFORMANCE_AFTER = 20;
export const PLATEAU_WINDOW = 15;

export type TriggerReason = 'every_10_samples' | 'low_performance' | 'plateau' | 'manual';

export interface TriggerInput {
  /** Ratings of the rated options (both modes), oldest first: all of them, or at least the last 2 × PLATEAU_WINDOW. */
  ratings: readonly number[];
  /** How many options were rated in all; the length of `ratings` when omitted. */
  samples?: number;
  /** Mean rating of the current prompt version; null while it has no samples. */
  currentMean: number | null;
  /** The sample count when the last evolution started; 0 before the first. */
  lastEvolutionAt: number;
  /** An evolution is running or a candidate is being tested. */
  busy: boolean;
  /** How many of the latest evolutions failed in a row because of the LLM; 0 when the last one worked. */
  llmFailures?: number;
}

export interface TriggerDecision {
  due: Exclude<TriggerReason, 'manual'> | null;
  /** The seed's `next_evolution_at_sample`: the next multiple of 10 after the last evolution. */
  nextAt: number;
}

/** The longest wait after LLM failures: 8 intervals (80 samples). */
export const MAX_BACKOFF_INTERVALS = 8;

/**
 * The next multiple of 10 after the last evolution. After LLM failures in a row the wait doubles
 * with each (10, 20, 40 … 80 samples): a server that is down should not be called every 10 samples.
 */
export function nextEvolutionAt(lastEvolutionAt: number, llmFailures = 0): number {
  const intervals = llmFailures <= 1 ? 1 : Math.min(MAX_BACKOFF_INTERVALS, 2 ** (llmFailures - 1));
  return (Math.floor(lastEvolutionAt / EVOLUTION_INTERVAL) + intervals) * EVOLUTION_INTERVAL;
}

/**
 * Why no sample can be named for the next evolution (`EvolutionWait`): one is running; a candidate
 * is tested (or queued for its test); a winner waits for an admin; or the routine trigger is off
 * because the current version's mean reached the target (or it has no samples yet), so only a
 * plateau or an admin starts one.
 */

export interface NextEvolution {
  /** The sample count at which the next evolution starts by itself; never one already passed. */
  atSample: number | null;
  waitingFor: EvolutionWait | null;
}

/**
 * The figure shown as "next evolution at sample N". The schedule's multiple of 10 is only shown
 * while a rating can reach it: while something holds the triggers, or once the count is past it
 * without a trigger firing, the reason is given instead of a number the count has already passed.
 */
export function nextEvolution(decision: TriggerDecision, samples: number, holding: Exclude<EvolutionWait, 'rating_at_target' | 'current_unrated'> | null, currentMean: number | null): NextEvolution {
  if (holding !== null) return { atSample: null, waitingFor: holding };
  if (decision.due !== null || samples < decision.nextAt) return { atSample: Math.max(decision.nextAt, samples), waitingFor: null };
  return { atSample: null, waitingFor: currentMean === null ? 'current_unrated' : 'rating_at_target' };
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** True when the mean of the last `window` ratings is not above the mean of the `window` before. */
export function onPlateau(ratings: readonly number[], window = PLATEAU_WINDOW): boolean {
  if (ratings.length < 2 * window) return false;
  const recent = ratings.slice(ratings.length - window);
  const before = ratings.slice(ratings.length - 2 * window, ratings.length - window);
  return mean(recent) <= mean(before);
}

export function checkTriggers(input: TriggerInput): TriggerDecision {
  const samples = input.samples ?? input.ratings.length;
  const nextAt = nextEvolutionAt(input.lastEvolutionAt, input.llmFailures ?? 0);
  if (input.busy || samples === 0) return { due: null, nextAt };
  const best = input.currentMean;
  if (best !== null && samples >= nextAt) {
    // Low performance outranks the routine check: same moment, the stronger reason is recorded.
    if (samples >= LOW_PERFORMANCE_AFTER && best < LOW_PERFORMANCE_RATING) return { due: 'low_performance', nextAt };
    if (best < EVOLUTION_TARGET_RATING) return { due: 'every_10_samples', nextAt };
  }
  // A plateau is judged on samples made since the last evolution, or it would fire again at once.
  // While backing off after LLM failures, a plateau waits for the same sample as the other triggers.
  const backingOff = (input.llmFailures ?? 0) > 1 && samples < nextAt;
  if (!backingOff && samples - input.lastEvolutionAt >= PLATEAU_WINDOW && onPlateau(input.ratings)) return { due: 'plateau', nextAt };
  return { due: null, nextAt };
}
