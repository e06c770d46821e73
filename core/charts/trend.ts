export interface TrendPoint {
  /** 1 for the first rated image, in the order they were rated. */
  sample: number;
  rating: number;
  /** Mean of this rating and the `window − 1` before it (fewer at the start). */
  moving_average: number;
}

/** Every rating in order with its trailing moving average: the line an admin reads the drift from. */
export function ratingTrend(ratings: readonly number[], window: number): TrendPoint[] {
  if (!Number.isInteger(window) || window < 1) throw new Error(`the moving average needs a window of at least 1 rating, got ${String(window)}`);
  let sum = 0;
  return ratings.map((rating, i) => {
    sum += rating;
    if (i >= window) sum -= ratings[i - window]!;
    return { sample: i + 1, rating, moving_average: sum / Math.min(i + 1, window) };
  });
}
