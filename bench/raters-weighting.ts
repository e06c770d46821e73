// `npm run bench:raters` (second part): what weighting ratings by rater reliability gains the
// Phase 1 optimizer when one of five simulated trainers is careless.
//  - Five trainers as in bench:optimizer (bench/optimizer/simulate.ts: offsets from [−0.7, 0.7],
//    perception noise 0.5, the app's derived outcome); trainer 5 is careless: uniform random ratings
//    1–5 and a random outcome. Each round one trainer, at random, rates the optimizer's pair.
//  - Reliability comes from each trainer's record of checks before the run: CHECKS gold pairs and
//    CHECKS swapped repeats, each answered by the same trainer model (a gold pair's broken side is
//    2.5 below its intact one), scored and weighted by the real core/raters.
//  - Simple regret (optimum − true quality of the recommendation) after 20 and 50 ratings; median
//    and mean over seeds, per landscape, with and without the weights (same seeds and trainers; the pairs then differ as the models do).
// BENCH_SEEDS (default 20), BENCH_CHECKS (default 10), BENCH_LANDSCAPES (names split by ;).
import type { Outcome } from '../core/api';
import { createOptimizer, createSpace, mixSeed, mulberry32, type CanonicalPoint } from '../core/optimizer';
import { raterReliability, relativeWeights, wilson } from '../core/raters';
import { LANDSCAPES, unitOf, type Landscape } from './optimizer/landscapes';
import { gaussian } from './optimizer/simulate';

const SEEDS = Number(process.env.BENCH_SEEDS ?? 20);
const CHECKS = Number(process.env.BENCH_CHECKS ?? 10);
const BUDGETS = [20, 50];
const NOISE = 0.5;
const TRAINERS = 5;
const chosen = process.env.BENCH_LANDSCAPES?.split(';').map((s) => s.trim());

interface Trainer {
  name: string;
  offset: number;
  careless: boolean;
}

/** One showing of two options of true quality qa, qb: the ratings and outcome the trainer gives. */
function answer(t: Trainer, qa: number, qb: number, random: () => number): { a: number; b: number; outcome: Outcome } {
  if (t.careless) {
    const outcome = (['A', 'B', 'tie', 'both_bad'] as const)[Math.floor(4 * random())]!;
    return { a: 1 + Math.floor(5 * random()), b: 1 + Math.floor(5 * random()), outcome };
  }
  const rate = (q: number) => Math.min(5, Math.max(1, Math.round(q + t.offset + NOISE * gaussian(random))));
  const [a, b] = [rate(qa), rate(qb)];
  return { a, b, outcome: a > b ? 'A' : b > a ? 'B' : 'tie' };
}

/** The trainer's gold and repeat record: CHECKS of each, answered as above, scored as core/raters does. */
function checks(t: Trainer, random: () => number) {
  let gold = 0;
  let same = 0;
  for (let i = 0; i < CHECKS; i++) {
    const intact = 3.5 + 0.5 * gaussian(random);
    const g = answer(t, intact, intact - 2.5, random);
    if (g.outcome === 'A' || (g.outcome !== 'B' && g.a > g.b)) gold++;
    const [qa, qb] = [3 + gaussian(random), 3 + gaussian(random)];
    const first = answer(t, qa, qb, random).outcome;
    const again = answer(t, qb, qa, random).outcome;
    const flipped = again === 'A' ? 'B' : again === 'B' ? 'A' : again;
    if (flipped === first) same++;
  }
  return { rater: t.name, gold: wilson(gold, CHECKS), selfConsistency: wilson(same, CHECKS) };
}

function run(landscape: Landscape, seed: number, weighted: boolean) {
  const random = mulberry32(mixSeed(seed, 0x3e1));
  const trainers: Trainer[] = Array.from({ length: TRAINERS }, (_, i) => ({ name: `t${i + 1}`, offset: -0.7 + 1.4 * random(), careless: i === TRAINERS - 1 }));
  const records = trainers.map((t) => raterReliability(checks(t, random)));
  const weightOf = relativeWeights(new Map(records.map((r) => [r.rater, r.weight])), trainers.map((t) => t.name));
  const optimizer = createOptimizer({ space: createSpace(landscape.providers), seed });
  const truth = (p: CanonicalPoint) => landscape.quality(p.provider, unitOf(p));
  const regrets: number[] = [];
  for (let ratings = 0; ratings < BUDGETS.at(-1)!; ratings += 2) {
    const [pa, pb] = optimizer.ask(2, []).map((p) => p.point) as [CanonicalPoint, CanonicalPoint];
    const t = trainers[Math.floor(random() * TRAINERS)]!;
    const { a, b, outcome } = answer(t, truth(pa), truth(pb), random);
    const weight = weighted ? { weight: weightOf(t.name) } : {};
    optimizer.tell([{ point: pa, rating: a, rater: t.name, ...weight }, { point: pb, rating: b, rater: t.name, ...weight }]);
    optimizer.tellPreference([{ a: pa, b: pb, outcome, rater: t.name, ratings: { a, b }, ...weight }]);
    if (BUDGETS.includes(ratings + 2)) regrets.push(landscape.optimum - truth(optimizer.recommend()!.point));
  }
  return { regrets, weights: trainers.map((t) => weightOf(t.name)) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const f = (x: number) => x.toFixed(3).padStart(8);

console.log(`\nReliability weights in the optimizer: 4 careful trainers + 1 careless, ${SEEDS} seeds, ${CHECKS} gold + ${CHECKS} repeat checks each`);
console.log(`${'landscape'.padEnd(16)} ${'ratings'.padStart(7)} ${'median unweighted'.padStart(18)} ${'median weighted'.padStart(16)} ${'mean unweighted'.padStart(16)} ${'mean weighted'.padStart(14)} ${'weighted better'.padStart(16)}`);
const allWeights: number[][] = [];
for (const landscape of LANDSCAPES.filter((l) => !chosen || chosen.includes(l.name))) {
  const plain: number[][] = [];
  const weighted: number[][] = [];
  for (let s = 0; s < SEEDS; s++) {
    plain.push(run(landscape, 2001 + s, false).regrets);
    const w = run(landscape, 2001 + s, true);
    weighted.push(w.regrets);
    allWeights.push(w.weights);
  }
  BUDGETS.forEach((budget, k) => {
    const p = plain.map((r) => r[k]!);
    const w = weighted.map((r) => r[k]!);
    const better = w.filter((x, i) => x < p[i]! - 1e-9).length;
    const worse = w.filter((x, i) => x > p[i]! + 1e-9).length;
    console.log(`${landscape.name.padEnd(16)} ${String(budget).padStart(7)} ${f(median(p)).padStart(18)} ${f(median(w)).padStart(16)} ${f(mean(p)).padStart(16)} ${f(mean(w)).padStart(14)} ${`${better}/${worse}`.padStart(16)}`);
  });
}
const careful = allWeights.flatMap((w) => w.slice(0, -1));
const careless = allWeights.map((w) => w.at(-1)!);
console.log(`relative weights: careful trainers median ${median(careful).toFixed(2)} (min ${Math.min(...careful).toFixed(2)}), careless trainer median ${median(careless).toFixed(2)} (max ${Math.max(...careless).toFixed(2)})`);
console.log('"weighted better": seeds where the weighted run\'s regret is lower / higher than the unweighted run\'s (same seeds and trainers).');
