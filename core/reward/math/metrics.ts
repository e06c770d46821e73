/** One rated A/B pair where the trainer preferred one side: its predicted ratings. */
export interface PredictedPair {
  winner: number;
  loser: number;
}

export interface RewardMetrics {
  samples: number;
  mae: number | null;
  /** Share of predictions within ±0.5 of the rating (the seed's "within ±0.5 points"). */
  within_half: number | null;
  /** Share of decisive pairs whose preferred option got the higher prediction; a predicted tie counts half. */
  pairwise_accuracy: number | null;
  decisive_pairs: number;
  spearman: number | null;
}

export function meanAbsoluteError(predicted: readonly number[], actual: readonly number[]): number | null {
  if (predicted.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += Math.abs(predicted[i]! - actual[i]!);
  return sum / predicted.length;
}

export function withinTolerance(predicted: readonly number[], actual: readonly number[], tolerance = 0.5): number | null {
  if (predicted.length === 0) return null;
  let hits = 0;
  // A hair of slack so that 3.5 against 4 counts as within 0.5 despite binary floating point.
  for (let i = 0; i < predicted.length; i++) if (Math.abs(predicted[i]! - actual[i]!) <= tolerance + 1e-9) hits++;
  return hits / predicted.length;
}

export function pairwiseAccuracy(pairs: readonly PredictedPair[]): number | null {
  if (pairs.length === 0) return null;
  let score = 0;
  for (const { winner, loser } of pairs) score += winner > loser ? 1 : winner === loser ? 0.5 : 0;
  return score / pairs.length;
}

/** Ranks from 1, ties sharing their average rank (the usual convention for Spearman's ρ). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]![0] === order[start]![0]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]![1]] = rank;
    start = end + 1;
  }
  return ranks;
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** Spearman's ρ: Pearson correlation of the average ranks; null when either side is constant. */
export function spearman(predicted: readonly number[], actual: readonly number[]): number | null {
  if (predicted.length < 2) return null;
  return pearson(averageRanks(predicted), averageRanks(actual));
}

export function rewardMetrics(predicted: readonly number[], actual: readonly number[], pairs: readonly PredictedPair[]): RewardMetrics {
  return {
    samples: predicted.length,
    mae: meanAbsoluteError(predicted, actual),
    within_half: withinTolerance(predicted, actual),
    pairwise_accuracy: pairwiseAccuracy(pairs),
    decisive_pairs: pairs.length,
    spearman: spearman(predicted, actual),
  };
}
