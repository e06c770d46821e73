/**
 * Krippendorff's alpha over units that each hold the values the coders gave them (any number of
 * coders, missing values simply absent). Computed from the coincidence matrix as in Krippendorff
 * (2011), "Computing Krippendorff's Alpha-Reliability": α = 1 − D_observed / D_expected. Units
 * with fewer than two values are not pairable and are left out.
 */
export type AlphaLevel = 'nominal' | 'ordinal' | 'interval';

export interface Alpha {
  /** null when nothing is pairable or the values never vary (expected disagreement 0). */
  value: number | null;
  /** Units with at least two values. */
  units: number;
  /** Pairable values (n in Krippendorff's notation). */
  values: number;
}

export function krippendorffAlpha(units: readonly (readonly number[])[], level: AlphaLevel): Alpha {
  const pairable = units.filter((u) => u.length >= 2);
  const categories = [...new Set(pairable.flat())].sort((a, b) => a - b);
  const index = new Map(categories.map((c, i) => [c, i]));
  const size = categories.length;
  const coincidence = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const unit of pairable) {
    const weight = 1 / (unit.length - 1);
    for (let i = 0; i < unit.length; i++) {
      for (let j = 0; j < unit.length; j++) {
        if (i !== j) coincidence[index.get(unit[i]!)!]![index.get(unit[j]!)!]! += weight;
      }
    }
  }
  const marginals = coincidence.map((row) => row.reduce((s, v) => s + v, 0));
  const n = marginals.reduce((s, v) => s + v, 0);
  const empty = { value: null, units: pairable.length, values: Math.round(n) };
  if (n <= 1) return empty;

  const delta2 = (c: number, k: number): number => {
    if (level === 'nominal') return c === k ? 0 : 1;
    if (level === 'interval') return (categories[c]! - categories[k]!) ** 2;
    // Ordinal: the distance between two ranks is the mass of the values between them.
    const [lo, hi] = c < k ? [c, k] : [k, c];
    let between = 0;
    for (let g = lo; g <= hi; g++) between += marginals[g]!;
    return (between - (marginals[lo]! + marginals[hi]!) / 2) ** 2;
  };

  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      const d = delta2(c, k);
      observed += coincidence[c]![k]! * d;
      expected += marginals[c]! * marginals[k]! * d;
    }
  }
  if (expected === 0) return empty;
  return { ...empty, value: 1 - ((n - 1) * observed) / expected };
}
