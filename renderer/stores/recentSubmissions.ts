import type { CallInput, ExperimentView, Outcome } from '../../core/api';
import type { RatingValue } from '../keymap';
import { freshRound, type PerOption, type RoundState } from './trainLogic';

// The last few submissions of this sitting, newest first: what the undo list shows, and what U puts
// back on screen. The host keeps only the rating rows; the words and the override the trainer chose
// live here, in the renderer, so an undo can return them exactly.

export const RECENT_LIMIT = 5;

export interface Submission {
  experimentId: string;
  sourceName: string;
  ratings: PerOption<RatingValue>;
  comments: PerOption<string>;
  outcomeOverride: Outcome | null;
  undone: boolean;
}

export function submissionOf(round: RoundState, input: CallInput<'train.rate'>): Submission {
  const [a, b] = input.ratings;
  return {
    experimentId: input.experiment_id,
    sourceName: round.experiment?.source.name ?? input.experiment_id,
    ratings: { A: a!.rating as RatingValue, B: b!.rating as RatingValue },
    comments: { A: round.comments.A, B: round.comments.B },
    outcomeOverride: round.outcomeOverride,
    undone: false,
  };
}

/** Adds a submission at the top; a pair rated again after an undo replaces its undone entry. */
export function recordSubmission(list: readonly Submission[], entry: Submission): Submission[] {
  return [entry, ...list.filter((s) => s.experimentId !== entry.experimentId)].slice(0, RECENT_LIMIT);
}

/** Marks the undone pair; returns the entry whose ratings and comments go back on screen, if known. */
export function markUndone(list: readonly Submission[], experimentId: string): { list: Submission[]; restore: Submission | null } {
  const restore = list.find((s) => s.experimentId === experimentId && !s.undone) ?? null;
  return { list: list.map((s) => (s === restore ? { ...s, undone: true } : s)), restore };
}

/** The round for a pair that came back by undo: the ratings, comments and override as submitted. */
export function restoredRound(experiment: ExperimentView, entry: Submission): RoundState {
  return {
    ...freshRound(experiment),
    ratings: { ...entry.ratings },
    comments: { ...entry.comments },
    outcomeOverride: entry.outcomeOverride,
    focused: 'B',
    commentTarget: 'B',
  };
}
