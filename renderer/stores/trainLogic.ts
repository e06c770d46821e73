import type { CallInput, ExperimentView, OptionLabel, Outcome } from '../../core/api';
import type { RatingValue } from '../keymap';

// The pure rules of one rating round. The train store holds this state and calls these; tests
// exercise them directly.

export type PerOption<T> = Record<OptionLabel, T>;

export interface RoundState {
  experiment: ExperimentView | null;
  focused: OptionLabel;
  /**
   * The option C comments on: the one last rated or chosen (←, →, Tab, a click). Rating A moves the
   * focus on to B for the next digit, but a comment typed right after is about A.
   */
  commentTarget: OptionLabel;
  ratings: PerOption<RatingValue | null>;
  comments: PerOption<string>;
  /** Set by T / X or a click on the outcome group; null means "follow the ratings". */
  outcomeOverride: Outcome | null;
  imagesLoaded: PerOption<boolean>;
  /** When both enhanced images had finished loading: the moment the trainer could judge. */
  shownAt: string | null;
}

export function freshRound(experiment: ExperimentView | null): RoundState {
  return {
    experiment,
    focused: 'A',
    commentTarget: 'A',
    ratings: { A: null, B: null },
    comments: { A: '', B: '' },
    outcomeOverride: null,
    imagesLoaded: { A: false, B: false },
    shownAt: null,
  };
}

/** Rates an option; rating A moves focus to B so "4 then 3" rates the pair, B keeps focus. */
export function applyRating(round: RoundState, option: OptionLabel, value: RatingValue): RoundState {
  return {
    ...round,
    ratings: { ...round.ratings, [option]: value },
    // A moves on to B; B stays: either way the next key press concerns B.
    focused: 'B',
    commentTarget: option,
  };
}

/** T and X set an override; the same key again clears it and the ratings decide again. */
export function toggleOverride(current: Outcome | null, pressed: Outcome): Outcome | null {
  return current === pressed ? null : pressed;
}

/** The outcome sent with the ratings: the override if any, else the higher rating (equal = tie). */
export function deriveOutcome(ratings: PerOption<RatingValue | null>, override: Outcome | null): Outcome | null {
  if (override !== null) return override;
  const { A, B } = ratings;
  if (A === null || B === null) return null;
  if (A > B) return 'A';
  if (B > A) return 'B';
  return 'tie';
}

export function markImageLoaded(round: RoundState, option: OptionLabel, now: () => Date): RoundState {
  const imagesLoaded = { ...round.imagesLoaded, [option]: true };
  const complete = imagesLoaded.A && imagesLoaded.B;
  return {
    ...round,
    imagesLoaded,
    shownAt: round.shownAt ?? (complete ? now().toISOString() : null),
  };
}

export function isPairReady(experiment: ExperimentView | null): boolean {
  return (
    experiment !== null &&
    experiment.status === 'ready' &&
    experiment.options.length === 2 &&
    experiment.options.every((o) => o.status === 'ready' && o.image !== null)
  );
}

/** Why the round cannot be submitted yet, in words for the trainer; null when it can. */
export function submissionProblem(round: RoundState, raterId: string | null): string | null {
  const { experiment, ratings } = round;
  if (experiment === null) return 'There is no pair to rate yet.';
  if (experiment.status === 'failed') return 'This pair failed to generate: press S to skip it.';
  if (!isPairReady(experiment)) return 'This pair is still generating; rate it once both images are shown.';
  if (ratings.A === null && ratings.B === null) return 'Rate options A and B before submitting.';
  if (ratings.A === null) return 'Rate option A before submitting.';
  if (ratings.B === null) return 'Rate option B before submitting.';
  if (raterId === null) return 'Say who is rating before submitting.';
  return null;
}

/** The train.rate input for a round that passed submissionProblem. */
export function buildRateInput(round: RoundState, raterId: string): CallInput<'train.rate'> {
  const { experiment, ratings, comments } = round;
  const outcome = deriveOutcome(ratings, round.outcomeOverride);
  if (experiment === null || ratings.A === null || ratings.B === null || outcome === null) {
    throw new Error('buildRateInput needs a rated pair; check submissionProblem first');
  }
  const input: CallInput<'train.rate'> = {
    experiment_id: experiment.experiment_id,
    ratings: [
      { option: 'A', rating: ratings.A, comments: comments.A.trim() },
      { option: 'B', rating: ratings.B, comments: comments.B.trim() },
    ],
    outcome,
    rated_by: raterId,
  };
  if (round.shownAt !== null) input.shown_at = round.shownAt;
  return input;
}

export const SKIP_PRESETS = [
  'Images failed to load',
  'Cannot judge this render',
  'Both identical',
  'Other',
] as const;

/** The reason sent with train.skip: the preset, the typed text, or both; null when neither. */
export function skipReason(presetIndex: number | null, text: string): string | null {
  const preset = presetIndex === null ? undefined : SKIP_PRESETS[presetIndex];
  const typed = text.trim();
  if (preset === undefined || preset === 'Other') return typed === '' ? null : typed;
  return typed === '' ? preset : `${preset}: ${typed}`;
}
