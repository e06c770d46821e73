import { describe, expect, it } from 'vitest';
import {
  applyRating,
  buildRateInput,
  deriveOutcome,
  freshRound,
  markImageLoaded,
  skipReason,
  submissionProblem,
  toggleOverride,
} from '../../../renderer/stores/trainLogic';
import { experiment } from './fixtures';

describe('deriveOutcome', () => {
  it('follows the ratings: higher wins, equal is a tie', () => {
    expect(deriveOutcome({ A: 4, B: 2 }, null)).toBe('A');
    expect(deriveOutcome({ A: 1, B: 5 }, null)).toBe('B');
    expect(deriveOutcome({ A: 3, B: 3 }, null)).toBe('tie');
  });

  it('is undecided until both options are rated', () => {
    expect(deriveOutcome({ A: 4, B: null }, null)).toBeNull();
    expect(deriveOutcome({ A: null, B: null }, null)).toBeNull();
  });

  it('lets an override win over the ratings', () => {
    expect(deriveOutcome({ A: 5, B: 1 }, 'both_bad')).toBe('both_bad');
    expect(deriveOutcome({ A: 2, B: 4 }, 'tie')).toBe('tie');
    expect(deriveOutcome({ A: null, B: null }, 'tie')).toBe('tie');
  });
});

describe('toggleOverride', () => {
  it('sets, switches and clears', () => {
    expect(toggleOverride(null, 'tie')).toBe('tie');
    expect(toggleOverride('tie', 'both_bad')).toBe('both_bad');
    expect(toggleOverride('both_bad', 'both_bad')).toBeNull();
  });
});

describe('applyRating', () => {
  it('rating A moves focus to B; rating B keeps B', () => {
    const afterA = applyRating(freshRound(experiment()), 'A', 4);
    expect(afterA.ratings).toEqual({ A: 4, B: null });
    expect(afterA.focused).toBe('B');
    const afterB = applyRating(afterA, 'B', 2);
    expect(afterB.ratings).toEqual({ A: 4, B: 2 });
    expect(afterB.focused).toBe('B');
  });

  it('re-rating A after B replaces A and leaves B', () => {
    const round = applyRating(applyRating(freshRound(experiment()), 'A', 4), 'B', 2);
    const changed = applyRating({ ...round, focused: 'A' }, 'A', 1);
    expect(changed.ratings).toEqual({ A: 1, B: 2 });
  });
});

describe('markImageLoaded', () => {
  const at = (iso: string) => () => new Date(iso);

  it('records shown_at only once both images have loaded', () => {
    const one = markImageLoaded(freshRound(experiment()), 'A', at('2025-01-01T10:00:00.000Z'));
    expect(one.shownAt).toBeNull();
    const both = markImageLoaded(one, 'B', at('2025-01-01T10:00:02.000Z'));
    expect(both.shownAt).toBe('2025-01-01T10:00:02.000Z');
    const again = markImageLoaded(both, 'A', at('2025-01-01T10:05:00.000Z'));
    expect(again.shownAt).toBe('2025-01-01T10:00:02.000Z');
  });
});

describe('submissionProblem', () => {
  const ready = freshRound(experiment());

  it('asks for the missing rating by name', () => {
    expect(submissionProblem(ready, 'ana')).toBe('Rate options A and B before submitting.');
    expect(submissionProblem(applyRating(ready, 'A', 3), 'ana')).toBe('Rate option B before submitting.');
    expect(submissionProblem(applyRating(ready, 'B', 3), 'ana')).toBe('Rate option A before submitting.');
  });

  it('refuses pairs that are missing, generating or failed, and a missing rater', () => {
    expect(submissionProblem(freshRound(null), 'ana')).toMatch(/no pair/);
    expect(submissionProblem(freshRound(experiment('e', 'generating')), 'ana')).toMatch(/still generating/);
    expect(submissionProblem(freshRound(experiment('e', 'failed')), 'ana')).toMatch(/failed/);
    const rated = applyRating(applyRating(ready, 'A', 3), 'B', 3);
    expect(submissionProblem(rated, null)).toMatch(/who is rating/);
    expect(submissionProblem(rated, 'ana')).toBeNull();
  });
});

describe('buildRateInput', () => {
  it('sends both ratings, trimmed comments, the derived outcome, rater and shown_at', () => {
    let round = applyRating(applyRating(freshRound(experiment('exp_9')), 'A', 2), 'B', 5);
    round = { ...round, comments: { A: '  too dark ', B: '' }, shownAt: '2025-01-01T10:00:00.000Z' };
    expect(buildRateInput(round, 'ana')).toEqual({
      experiment_id: 'exp_9',
      ratings: [
        { option: 'A', rating: 2, comments: 'too dark' },
        { option: 'B', rating: 5, comments: '' },
      ],
      outcome: 'B',
      rated_by: 'ana',
      shown_at: '2025-01-01T10:00:00.000Z',
    });
  });

  it('uses the override and leaves shown_at out when the images never finished loading', () => {
    const round = { ...applyRating(applyRating(freshRound(experiment()), 'A', 4), 'B', 4), outcomeOverride: 'both_bad' as const };
    const input = buildRateInput(round, 'ana');
    expect(input.outcome).toBe('both_bad');
    expect('shown_at' in input).toBe(false);
  });

  it('throws for an unrated round', () => {
    expect(() => buildRateInput(freshRound(experiment()), 'ana')).toThrow(/submissionProblem/);
  });
});

describe('skipReason', () => {
  it('combines a preset with typed words', () => {
    expect(skipReason(0, '')).toBe('Images failed to load');
    expect(skipReason(2, ' same seed? ')).toBe('Both identical: same seed?');
  });

  it('needs words for "Other" or no preset', () => {
    expect(skipReason(3, '')).toBeNull();
    expect(skipReason(3, 'watermark')).toBe('watermark');
    expect(skipReason(null, '  ')).toBeNull();
    expect(skipReason(null, 'blurry source')).toBe('blurry source');
  });
});
