import type { CallOutput, Mode, Outcome } from '../api';
import { toProviderParameters, type OptimizerStatus } from '../optimizer';
import type { RatedOption } from '../store';
import { PHASE_1_TARGET_RATING, PHASE_1_TARGET_SAMPLES, type Phase1State } from '../learning';

const TREND_BLOCK = 10;

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const round2 = (value: number) => Math.round(value * 100) / 100;

/** Highest single rating; among equals the latest, since it reflects the newest judgement. */
export function bestRatedOption(options: RatedOption[]): RatedOption | null {
  let best: RatedOption | null = null;
  for (const option of options) if (!best || option.rating >= best.rating) best = option;
  return best;
}

/** Mean rating of each consecutive block of 10 samples, oldest first (the seed's `rating_trend`). */
export function ratingTrend(options: RatedOption[]): number[] {
  const trend: number[] = [];
  for (let i = 0; i < options.length; i += TREND_BLOCK) {
    trend.push(round2(mean(options.slice(i, i + TREND_BLOCK).map((o) => o.rating))!));
  }
  return trend;
}

export function analytics(options: RatedOption[], optimizer: OptimizerStatus | null): CallOutput<'train.history'>['analytics'] {
  const byApi: Record<string, number[]> = {};
  const outcomes: Record<string, number> = {};
  const seenRatings = new Set<string>();
  for (const option of options) {
    (byApi[option.provider] ??= []).push(option.rating);
    if (!seenRatings.has(option.rating_id)) {
      seenRatings.add(option.rating_id);
      outcomes[option.outcome] = (outcomes[option.outcome] ?? 0) + 1;
    }
  }
  const avg = mean(options.map((o) => o.rating));
  return {
    total_samples: options.length,
    avg_rating: avg === null ? null : round2(avg),
    rating_trend: ratingTrend(options),
    // The optimizer's recommendation when it has one (one mode); the best single rating otherwise.
    best_parameters: optimizer?.recommendation
      ? toProviderParameters(optimizer.recommendation.point)
      : (bestRatedOption(options)?.parameters ?? null),
    api_performance: Object.fromEntries(
      Object.entries(byApi).map(([api, ratings]) => [api, { avg_rating: round2(mean(ratings)!), count: ratings.length }]),
    ),
    outcomes: outcomes as Record<Outcome, number>,
    rater_offsets: Object.fromEntries(Object.entries(optimizer?.rater_offsets ?? {}).map(([r, v]) => [r, round2(v)])),
  };
}

export interface StatusInputs {
  mode: Mode;
  /** The highest single rating given in this mode (the seed's raw best). */
  rawBest: number | null;
  proposer: string;
  phase1: Phase1State;
  currentPromptVersion: string;
  /** The reward model's block, from its held-out metrics (core/service/reward.ts). */
  phase2: CallOutput<'train.status'>['phase_2'];
}

/**
 * The seed's status blocks. Capabilities that do not exist yet (prompt evolution) are reported as
 * not active with null figures, never invented.
 */
export function trainStatus({ mode, rawBest, proposer, phase1, currentPromptVersion, phase2 }: StatusInputs): Omit<CallOutput<'train.status'>, 'session'> {
  const { optimizer } = phase1;
  const recommendation = optimizer.recommendation;
  return {
    mode,
    phase_1: {
      active: !phase1.complete,
      proposer,
      stage: optimizer.stage,
      samples_collected: phase1.samples,
      target_samples: phase1.complete || phase1.override === 'resumed' ? null : PHASE_1_TARGET_SAMPLES,
      best_rating: rawBest,
      predicted_best_rating: recommendation ? round2(recommendation.predicted_rating) : null,
      predicted_interval80: recommendation ? [round2(recommendation.interval80[0]), round2(recommendation.interval80[1])] : null,
      target_rating: PHASE_1_TARGET_RATING,
      convergence: optimizer.convergence === null ? null : round2(optimizer.convergence),
      estimated_trials_remaining: phase1.complete ? 0 : optimizer.estimated_trials_remaining,
      stop_rule: phase1.stopRule,
      override: phase1.override,
    },
    phase_2: phase2,
    prompt_evolution: {
      active: false,
      current_version: currentPromptVersion,
      last_evolution: null,
      next_evolution_at_sample: null,
      next_evolution_waiting_for: null,
    },
    current_best: recommendation
      ? {
          api: recommendation.point.provider,
          avg_rating: round2(recommendation.predicted_rating),
          interval80: [round2(recommendation.interval80[0]), round2(recommendation.interval80[1])],
          parameters: toProviderParameters(recommendation.point),
        }
      : null,
  };
}
