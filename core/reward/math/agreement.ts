import { wilson } from '../../raters';

// How often the reward model's predictions, made before a pair was rated, picked the option the
// trainer preferred. A pair counts only when both sides can be judged: its two images differ, the
// trainer chose A or B (not a tie or "both bad"), and the model rated one option above the other.

export interface PredictedPair {
  outcome: 'A' | 'B' | 'tie' | 'both_bad';
  predictedA: number;
  predictedB: number;
  /** The two images are the same bytes, or the pair check could not tell them apart. */
  indistinct: boolean;
}

export interface Agreement {
  /** Pairs counted: decisive for the trainer and for the model, with images that differ. */
  pairs: number;
  agreed: number;
  rate: number | null;
  /** 95 % Wilson interval of `rate`. */
  low: number | null;
  high: number | null;
  /**
   * Always naming the side trainers chose more often in these same pairs: what a model that learned
   * nothing about the images would reach (chance is 50 %).
   */
  baseline: { side: 'A' | 'B' | null; agreed: number; rate: number | null };
  /** Pairs left out, by why. */
  excluded: { indistinct: number; ties: number; prediction_ties: number };
}

export function agreementOf(pairs: readonly PredictedPair[]): Agreement {
  const excluded = { indistinct: 0, ties: 0, prediction_ties: 0 };
  let counted = 0;
  let agreed = 0;
  let choseA = 0;
  for (const pair of pairs) {
    if (pair.indistinct) excluded.indistinct++;
    else if (pair.outcome !== 'A' && pair.outcome !== 'B') excluded.ties++;
    else if (pair.predictedA === pair.predictedB) excluded.prediction_ties++;
    else {
      counted++;
      if (pair.outcome === 'A') choseA++;
      if ((pair.predictedA > pair.predictedB ? 'A' : 'B') === pair.outcome) agreed++;
    }
  }
  const { value, low, high } = wilson(agreed, counted);
  const majority = Math.max(choseA, counted - choseA);
  return {
    pairs: counted,
    agreed,
    rate: value,
    low,
    high,
    baseline: { side: counted === 0 ? null : choseA >= counted - choseA ? 'A' : 'B', agreed: majority, rate: counted === 0 ? null : majority / counted },
    excluded,
  };
}
