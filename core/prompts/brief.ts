import { z } from 'zod';
import type { TestedVersion } from './history';
import type { Issue } from './issues';

// What an evolver is told (the issue's point 3; the seed's `evolvePrompt` input): the current prompt
// and negative prompt with their mean rating, the top issues of recent low ratings, and the best
// and worst recent versions with their scores, so it can keep what worked and avoid what did not.

export interface VersionScore {
  version: string;
  prompt: string;
  negative_prompt: string;
  avg_rating: number | null;
  sample_count: number;
}

export interface EvolutionBrief {
  current_version: string;
  current_prompt: string;
  current_negative_prompt: string;
  /** The seed's `rating`: the current version's mean rating, null before its first sample. */
  rating: number | null;
  sample_count: number;
  issues: Issue[];
  best_recent: VersionScore | null;
  worst_recent: VersionScore | null;
  /** Every prompt already tried: a variant equal to one of them is refused as a duplicate. */
  known_prompts: string[];
  /** Every version tested in pairs with its result, best first (history.ts); empty before the first test. */
  history?: TestedVersion[];
  /**
   * Phrases candidates added whose images could not be told apart from the baseline's (their test
   * ended "no visible effect"): the generator ignores them, so proposing them again wastes a test.
   */
  no_visible_effect?: string[];
}

/** The seed's output format plus the negative prompt the issue asks for. */
export const EvolvedPromptSchema = z.object({
  improved_prompt: z.string().trim().min(1, 'improved_prompt is empty'),
  /** Optional: when a model leaves it out, the current negative prompt is kept (and that is recorded). */
  improved_negative_prompt: z.string().trim().optional(),
  changes: z.array(z.string()),
  reasoning: z.string(),
  expected_improvement: z.string().default(''),
});
export type EvolvedPrompt = z.infer<typeof EvolvedPromptSchema>;

/** One variant as an evolver proposes it, before the guardrails. */
export interface Variant extends EvolvedPrompt {
  improved_negative_prompt: string;
  /** True when the negative prompt was kept because the evolver gave none. */
  negative_kept: boolean;
}

export function toVariant(evolved: EvolvedPrompt, brief: EvolutionBrief): Variant {
  const given = evolved.improved_negative_prompt;
  return {
    ...evolved,
    improved_negative_prompt: given && given.length > 0 ? given : brief.current_negative_prompt,
    negative_kept: !given,
  };
}

/** Picks the best and worst of the versions that have samples (the "recent" ones the caller chose). */
export function bestAndWorst(scores: readonly VersionScore[]): { best: VersionScore | null; worst: VersionScore | null } {
  const rated = scores.filter((s) => s.avg_rating !== null && s.sample_count > 0);
  if (rated.length === 0) return { best: null, worst: null };
  const sorted = [...rated].sort((a, b) => b.avg_rating! - a.avg_rating! || b.sample_count - a.sample_count);
  return { best: sorted[0]!, worst: rated.length > 1 ? sorted.at(-1)! : null };
}
