import { describe, expect, it } from 'vitest';
import { agreementOf, type PredictedPair } from '../../../core/reward/math/agreement';

const pair = (outcome: PredictedPair['outcome'], predictedA: number, predictedB: number, indistinct = false): PredictedPair => ({ outcome, predictedA, predictedB, indistinct });

describe("the reward model's agreement with the trainers", () => {
  it('counts only pairs both sides can be judged on, and says how many it left out and why', () => {
    const pairs = [
      // 4 of 20 "agreed" in the app: identical images got equal predictions and counted as misses.
      ...Array.from({ length: 3 }, () => pair('A', 3.2, 3.2, true)),
      pair('tie', 4, 2),
      pair('both_bad', 1, 2),
      pair('B', 3, 3),
      // 20 counted: trainers chose A in 12 and B in 8; the model ordered 14 of them as they did.
      ...Array.from({ length: 9 }, () => pair('A', 4, 3)),
      ...Array.from({ length: 3 }, () => pair('A', 2, 3)),
      ...Array.from({ length: 5 }, () => pair('B', 2, 4)),
      ...Array.from({ length: 3 }, () => pair('B', 4, 2)),
    ];
    const a = agreementOf(pairs);
    expect(a).toMatchObject({ pairs: 20, agreed: 14, rate: 0.7 });
    expect(a.excluded).toEqual({ indistinct: 3, ties: 2, prediction_ties: 1 });
    // Always naming A, the side chosen more often, gets 12 of 20.
    expect(a.baseline).toEqual({ side: 'A', agreed: 12, rate: 0.6 });
    // Wilson (1927) score interval for 14 of 20 at z = 1.96, worked out apart from the code: 0.4810–0.8545.
    expect(a.low!).toBeCloseTo(0.481, 3);
    expect(a.high!).toBeCloseTo(0.8545, 3);
  });

  it('has no rate, interval or baseline side before a pair can count', () => {
    const a = agreementOf([pair('tie', 3, 4), pair('A', 2, 2, true)]);
    expect(a).toMatchObject({ pairs: 0, agreed: 0, rate: null, low: null, high: null, baseline: { side: null, agreed: 0, rate: null } });
    expect(a.excluded).toEqual({ indistinct: 1, ties: 1, prediction_ties: 0 });
  });

  it('names B as the baseline side when trainers chose B more often', () => {
    expect(agreementOf([pair('B', 1, 2), pair('B', 2, 1), pair('A', 2, 1)]).baseline).toEqual({ side: 'B', agreed: 2, rate: 2 / 3 });
  });
});
