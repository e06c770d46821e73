import { goldCorrect } from './figures';
import type { RaterAnswer } from './types';

/**
 * What a trainer may see of their own quality: how many gold pairs they got right. Never another
 * rater's, and never in a way that tells them which pair on screen (or just rated) was a gold pair:
 * a gold answer is counted only once `lag` more of the trainer's pairs have been rated after it, so
 * the figure never changes right after a gold pair; and nothing is shown until `minimum` are counted.
 */
export const GOLD_FEEDBACK = { lag: 5, minimum: 3 } as const;

export interface OwnGoldRecord {
  correct: number;
  answered: number;
}

/** `answers`: effective answers in the order given (any raters); only `rater`'s are read. */
export function ownGoldRecord(answers: readonly RaterAnswer[], rater: string, feedback: { lag: number; minimum: number } = GOLD_FEEDBACK): OwnGoldRecord | null {
  const mine = answers.filter((a) => a.rater === rater);
  const settled = mine.slice(0, Math.max(0, mine.length - feedback.lag)).filter((a) => a.brokenSide !== null);
  if (settled.length < feedback.minimum) return null;
  return { correct: settled.filter(goldCorrect).length, answered: settled.length };
}
