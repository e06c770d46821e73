/** A proportion with its sample size and a 95 % Wilson score interval (sound for small n and p near 0 or 1). */
export interface Proportion {
  successes: number;
  n: number;
  /** successes / n; null when n is 0. */
  value: number | null;
  low: number | null;
  high: number | null;
}

const Z95 = 1.959963984540054;

export function wilson(successes: number, n: number, z = Z95): Proportion {
  if (n === 0) return { successes, n, value: null, low: null, high: null };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // Rounding can put an end a hair past p when p is 0 or 1; the interval always holds p.
  return { successes, n, value: p, low: Math.min(p, Math.max(0, centre - half)), high: Math.max(p, Math.min(1, centre + half)) };
}

function logChoose(n: number, k: number): number {
  let sum = 0;
  for (let i = 1; i <= k; i++) sum += Math.log(n - k + i) - Math.log(i);
  return sum;
}

/**
 * Exact two-sided binomial test of k successes in n trials against p = 0.5: the probability of an
 * outcome at least as unlikely as k. With p = 0.5 the distribution is symmetric, so it is twice
 * the smaller tail (capped at 1).
 */
export function binomialTwoSided(k: number, n: number): number {
  if (n === 0) return 1;
  const tail = Math.min(k, n - k);
  let p = 0;
  for (let i = 0; i <= tail; i++) p += Math.exp(logChoose(n, i) - n * Math.LN2);
  return Math.min(1, 2 * p);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Sample variance (n − 1); null below two values. */
export function variance(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
}
