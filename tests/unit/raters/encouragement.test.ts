import { describe, expect, it } from 'vitest';
import { GOLD_FEEDBACK, ownGoldRecord, type RaterAnswer } from '../../../core/raters';

let n = 0;
const answer = (rater: string, gold: 'right' | 'wrong' | null): RaterAnswer => ({
  rater,
  item: `item-${n++}`,
  swapped: false,
  ratingA: gold === 'wrong' ? 2 : 4,
  ratingB: gold === 'wrong' ? 4 : 2,
  outcome: gold === 'wrong' ? 'B' : 'A',
  seconds: 5,
  brokenSide: gold === null ? null : 'B',
});
const normal = (rater: string, count: number) => Array.from({ length: count }, () => answer(rater, null));

describe("a trainer's own gold-pair record", () => {
  it('counts only the trainer’s own gold answers, right and wrong', () => {
    const answers = [answer('ana', 'right'), answer('bob', 'wrong'), answer('ana', 'wrong'), answer('bob', 'wrong'), answer('ana', 'right'), ...normal('ana', GOLD_FEEDBACK.lag)];
    expect(ownGoldRecord(answers, 'ana')).toEqual({ correct: 2, answered: 3 });
    expect(ownGoldRecord(answers, 'bob')).toBeNull();
  });

  it('does not change when a gold pair has just been rated: it counts after `lag` more of the trainer’s pairs', () => {
    const settled = [answer('ana', 'right'), answer('ana', 'right'), answer('ana', 'right'), ...normal('ana', GOLD_FEEDBACK.lag)];
    const before = ownGoldRecord(settled, 'ana');
    const justRated = [...settled, answer('ana', 'wrong')];
    expect(ownGoldRecord(justRated, 'ana')).toEqual(before);
    // Other trainers' pairs do not move it on; the trainer's own next pairs do.
    expect(ownGoldRecord([...justRated, ...normal('bob', 10)], 'ana')).toEqual(before);
    expect(ownGoldRecord([...justRated, ...normal('ana', GOLD_FEEDBACK.lag - 1)], 'ana')).toEqual(before);
    expect(ownGoldRecord([...justRated, ...normal('ana', GOLD_FEEDBACK.lag)], 'ana')).toEqual({ correct: 3, answered: 4 });
  });

  it('shows nothing until enough gold answers are counted', () => {
    const two = [answer('ana', 'right'), answer('ana', 'right'), ...normal('ana', GOLD_FEEDBACK.lag)];
    expect(GOLD_FEEDBACK.minimum).toBe(3);
    expect(ownGoldRecord(two, 'ana')).toBeNull();
  });
});
