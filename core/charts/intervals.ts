/**
 * A mean with its Student-t confidence interval. Ratings are 1–5 integers with few per group, so
 * the normal 1.96 would be too narrow below ~30 ratings; t with n − 1 degrees of freedom is not.
 */
export interface MeanInterval {
  n: number;
  mean: number;
  /** null below two values: one rating says nothing about the spread. */
  low: number | null;
  high: number | null;
}

// t(0.975, df) for df = 1…30 (any table of Student's t, e.g. NIST/SEMATECH e-Handbook §1.3.6.7.2).
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08,
  2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
const Z975 = 1.959963984540054;

/**
 * t(0.975, df): the table up to 30, beyond it the Cornish–Fisher expansion in 1/df (Abramowitz &
 * Stegun 26.7.5), within 1e-4 of the exact value from df = 30 on.
 */
export function t975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new Error(`degrees of freedom must be a whole number of at least 1, got ${String(df)}`);
  if (df <= T975.length) return T975[df - 1]!;
  const z = Z975;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3;
}

/** The range the values cannot leave (ratings: 1–5), so their mean cannot either. */
export type Bounds = readonly [low: number, high: number];

/**
 * Mean and 95 % t-interval of `values`; null for none. With `bounds` the interval is cut to them:
 * few ratings give a t-interval wider than the scale (1 and 3 give −10.7 to 14.7), which says no
 * more than the scale's own ends.
 */
export function meanInterval95(values: readonly number[], bounds?: Bounds): MeanInterval | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, low: null, high: null };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const half = t975(n - 1) * Math.sqrt(variance / n);
  const [lowest, highest] = bounds ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  return { n, mean, low: Math.max(lowest, mean - half), high: Math.min(highest, mean + half) };
}

/** Values grouped by a key, each group's mean with its 95 % interval (cut to `bounds`), in first-seen order. */
export function groupMeans<T>(items: readonly T[], key: (item: T) => string, value: (item: T) => number, bounds?: Bounds): (MeanInterval & { key: string })[] {
  const groups = new Map<string, number[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k) ?? [];
    list.push(value(item));
    groups.set(k, list);
  }
  return [...groups].map(([k, values]) => ({ key: k, ...meanInterval95(values, bounds)! }));
}
