import { BUDGETS } from './simulate';

/** The benchmark's tables: per landscape and method, one row of figures per budget. */

export type Results = Map<string, number[][]>;

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** A run has found the optimum's region once its recommendation is within 1 rating point of it. */
const found = (xs: number[]) => xs.filter((x) => x < 1).length / xs.length;

export function printTables(results: Results, landscapes: readonly string[], methods: readonly string[], seeds: string, footnote: string): void {
  const header = `${'landscape'.padEnd(17)}${'method'.padEnd(22)}${BUDGETS.map((b) => `${b} ratings`.padStart(11)).join('')}`;
  // The median is the headline; the mean and the share of runs that found the region show what the
  // median hides when runs split between "found the good region" and "did not".
  const statistics = [
    ['Median simple regret (rating points; optimum − true quality of the recommendation)', median, 2],
    ['Mean simple regret', mean, 2],
    ['Share of runs within 1 rating point of the optimum (regret < 1)', found, 2],
  ] as const;
  for (const [title, statistic, digits] of statistics) {
    console.log(`${title}, ${seeds}`);
    console.log(header);
    landscapes.forEach((landscape, l) => {
      for (const method of methods) {
        const runs = results.get(`${l}|${method}`);
        if (!runs) continue;
        const cells = BUDGETS.map((_, b) => statistic(runs.map((r) => r[b]!)).toFixed(digits).padStart(11));
        console.log(`${landscape.padEnd(17)}${method.padEnd(22)}${cells.join('')}`);
      }
    });
    console.log(`${footnote}\n`);
  }
}

/** Each method's median regret as a multiple of a reference method's (TPE's), at every budget. */
export function printRatios(results: Results, landscapes: readonly string[], methods: readonly string[], reference: string): void {
  console.log(`Median regret relative to ${reference} (target: ≤ 0.70 at 20 ratings, ≤ 0.60 at 50)`);
  console.log(`${'landscape'.padEnd(17)}${'method'.padEnd(22)}${BUDGETS.map((b) => `${b} ratings`.padStart(11)).join('')}`);
  landscapes.forEach((landscape, l) => {
    const base = results.get(`${l}|${reference}`);
    if (!base) return;
    for (const method of methods) {
      const runs = results.get(`${l}|${method}`);
      if (!runs || method === reference) continue;
      const cells = BUDGETS.map((_, b) => (median(runs.map((r) => r[b]!)) / median(base.map((r) => r[b]!))).toFixed(2).padStart(11));
      console.log(`${landscape.padEnd(17)}${method.padEnd(22)}${cells.join('')}`);
    }
  });
  console.log('');
}
