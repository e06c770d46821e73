import type { CallOutput, Mode, Outcome } from '../api';
import type { RatedOption } from '../store';

/** The seed's stop rule for Phase 1, the part that exists before the optimizer: 50 samples. */
export const PHASE_1_TARGET_SAMPLES = 50;
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

export function analytics(options: RatedOption[]): CallOutput<'train.history'>['analytics'] {
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
    best_parameters: bestRatedOption(options)?.parameters ?? null,
    api_performance: Object.fromEntries(
      Object.entries(byApi).map(([api, ratings]) => [api, { avg_rating: round2(mean(ratings)!), count: ratings.length }]),
    ),
    outcomes: outcomes as Record<Outcome, number>,
  };
}

export interface StatusInputs {
  mode: Mode;
  options: RatedOption[];
  proposer: string;
  currentPromptVersion: string;
}

/**
 * The seed's status blocks. Capabilities that do not exist yet (the Bayesian optimizer's
 * convergence, the reward model, prompt evolution) are reported as not active with null figures.
 */
export function trainStatus({ mode, options, proposer, currentPromptVersion }: StatusInputs): CallOutput<'train.status'> {
  const samples = options.length;
  const best = bestRatedOption(options);
  const complete = samples >= PHASE_1_TARGET_SAMPLES;
  return {
    mode,
    phase_1: {
      active: !complete,
      proposer,
      samples_collected: samples,
      target_samples: PHASE_1_TARGET_SAMPLES,
      best_rating: best?.rating ?? null,
      convergence: null,
      // Until the optimizer estimates it, the only honest figure is the bound of the 50-sample rule.
      estimated_trials_remaining: Math.max(0, PHASE_1_TARGET_SAMPLES - samples),
      stop_rule: complete ? 'samples' : null,
    },
    phase_2: { active: false, training_samples: samples, model_accuracy: null, ready_for_inference: false },
    prompt_evolution: {
      active: false,
      current_version: currentPromptVersion,
      last_evolution: null,
      next_evolution_at_sample: null,
    },
    current_best: best
      ? { api: best.provider, avg_rating: best.rating, parameters: best.parameters, experiment_id: best.experiment_id }
      : null,
  };
}
