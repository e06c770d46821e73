import { augmentedExpectedImprovement } from './acquisition';

/**
 * Phase 1's stop rule (the seed: 50 samples, or best ≥ 4.0 — here from 20 samples on — or an
 * admin's override — the override is the caller's) and the two progress figures of the seed's status.
 *
 * convergence = 1 − EImax/EI₀, clamped to [0, 1]. EImax is the largest (augmented) expected improvement that one more
 * rating anywhere in the space could bring (the acquisition maximum); EI₀ is that same quantity
 * before any data (mean at the reference, prior spread): σf·φ(0)·(1 − σε/√(σf² + σε²)). 0 means
 * nothing is known yet; 1 means no setting is expected to beat the recommendation any more.
 *
 * estimated_trials_remaining: ratings until Phase 1 ends — 0 once a stop rule fires; before the
 * model stage, the 50-sample cap; after it, the ratings until convergence reaches 0.9, assuming
 * EImax keeps shrinking like 1/√n (the rate at which a noisy mean sharpens), capped by the 50-sample
 * rule. A figure of 0 with no rule fired means further ratings are unlikely to change the
 * recommendation: the admin may stop.
 */

export const MAX_SAMPLES = 50;
export const TARGET_RATING = 4.0;
/**
 * The target-rating rule waits for this many samples: the seed puts fast learning at 20–50
 * samples, and a prediction from fewer noisy ratings has an interval too wide to stop on
 * (8 ratings gave 4.1 with an 80% interval of 3.4–4.8 in the app).
 */
export const MIN_SAMPLES_FOR_TARGET = 20;
const CONVERGED = 0.9;

export type StopRule = 'max-samples' | 'target-rating';

export function stopRuleOf(observations: number, predictedRating: number | null): StopRule | null {
  if (observations >= MAX_SAMPLES) return 'max-samples';
  if (observations >= MIN_SAMPLES_FOR_TARGET && predictedRating !== null && predictedRating >= TARGET_RATING) return 'target-rating';
  return null;
}

/** `openExpectedImprovement` in the model's units. */
export function convergenceOf(openExpectedImprovement: number, h: { amplitude: number; noise: number }): number {
  const prior = augmentedExpectedImprovement(0, Math.sqrt(h.amplitude), 0, Math.sqrt(h.noise));
  return Math.min(1, Math.max(0, 1 - openExpectedImprovement / prior));
}

export function trialsRemaining(observations: number, stopRule: StopRule | null, convergence: number | null): number {
  if (stopRule) return 0;
  const cap = MAX_SAMPLES - observations;
  if (convergence === null) return cap;
  const ratio = (1 - convergence) / (1 - CONVERGED);
  if (ratio <= 1) return 0;
  return Math.min(cap, Math.ceil(observations * ratio * ratio - observations));
}
