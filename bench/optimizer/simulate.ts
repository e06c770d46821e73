import type { Outcome } from '../../core/api';
import { createOptimizer, createSpace, mixSeed, mulberry32, type CanonicalPoint, type OptimizerOptions } from '../../core/optimizer';
import { pointOf, unitOf, type Landscape } from './landscapes';
import type { TpeProcess } from './tpe';

/**
 * One simulated Phase 1 run with the trainer the app has. Trainers: 2 or 3 per run (or `team`),
 * each with a personal offset drawn from [−0.7, 0.7] that drifts (a random walk, sd 0.05 per round:
 * ±0.35 over 50 ratings). Each round one of them sees a pair, perceives each option's true quality
 * plus N(0, 0.5²) noise and gives each an integer rating (perception + offset, rounded, clamped to
 * 1..5). The outcome is what the app sends (renderer/stores/trainLogic.ts, deriveOutcome): the
 * higher rating wins, unless the trainer overrides it. This trainer overrides twice: X ("both
 * bad") when a second look at both falls below 2, and an equal pair's tie is broken when the
 * second look (the same noise drawn afresh) tells them apart by more than 0.25. The second look has
 * its own random stream, so every method sees the same ratings.
 */

export const BUDGETS = [10, 20, 30, 50];
const NOISE = 0.5;
const TIE = 0.25;
const DRIFT = 0.05;

/**
 * Random search, Optuna's TPE, or the optimizer with some options (the plain GP-EI baseline is one
 * of them). `countTwice`: the outcome is told without its round's ratings, so the model counts it
 * as a judgement of its own on top of them (the previous model).
 */
export type MethodSpec =
  | { kind: 'random' }
  | { kind: 'tpe' }
  | { kind: 'optimizer'; options: Partial<OptimizerOptions>; countTwice?: boolean };

export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
}

interface Searcher {
  ask(): Promise<CanonicalPoint[]>;
  tell(pair: CanonicalPoint[], ratings: number[], outcome: Outcome, rater: string): Promise<void>;
  recommend(): Promise<CanonicalPoint>;
  close?(): Promise<void>;
}

function searcherFor(landscape: Landscape, method: MethodSpec, seed: number, tpe: TpeProcess | null): Promise<Searcher> | Searcher {
  const space = createSpace(landscape.providers);
  if (method.kind === 'optimizer') {
    const optimizer = createOptimizer({ space, seed, ...method.options });
    return {
      ask: async () => optimizer.ask(2, []).map((p) => p.point),
      async tell(pair, [a, b], outcome, rater) {
        optimizer.tell(pair.map((point, i) => ({ point, rating: [a, b][i]!, rater })));
        optimizer.tellPreference([{ a: pair[0]!, b: pair[1]!, outcome, rater, ...(method.countTwice ? {} : { ratings: { a: a!, b: b! } }) }]);
      },
      recommend: async () => optimizer.recommend()!.point,
    };
  }
  if (method.kind === 'random') {
    const random = mulberry32(mixSeed(seed, 0x5ea));
    let best: { point: CanonicalPoint; rating: number } | null = null;
    return {
      ask: async () =>
        [0, 1].map(() => pointOf(landscape.providers[Math.floor(random() * landscape.providers.length)]!, [random(), random(), random()])),
      async tell(pair, ratings) {
        pair.forEach((point, i) => {
          if (!best || ratings[i]! > best.rating) best = { point, rating: ratings[i]! };
        });
      },
      recommend: async () => best!.point,
    };
  }
  if (!tpe) throw new Error('TPE needs a Python with optuna');
  return tpe.study(seed, landscape.providers).then((study) => {
    let trials: number[] = [];
    return {
      async ask() {
        const asked = [await study.ask(), await study.ask()];
        trials = asked.map((t) => t.trial);
        return asked.map((t) => pointOf(t.provider, t.u));
      },
      async tell(_pair, ratings) {
        for (const [i, trial] of trials.entries()) await study.tell(trial, ratings[i]!);
      },
      async recommend() {
        const best = await study.best();
        return pointOf(best.provider, best.u);
      },
      close: () => study.drop(),
    };
  });
}

/** Simple regret (optimum − true quality of the recommendation) after each budget. */
export async function runOnce(landscape: Landscape, method: MethodSpec, seed: number, tpe: TpeProcess | null, team?: number): Promise<number[]> {
  const random = mulberry32(mixSeed(seed, 0x7ea));
  const raters = Array.from({ length: team ?? 2 + (seed % 2) }, (_, i) => ({ name: `rater${i}`, offset: -0.7 + 1.4 * random() }));
  const truth = (p: CanonicalPoint) => landscape.quality(p.provider, unitOf(p));
  const searcher = await searcherFor(landscape, method, seed, tpe);
  const comparing = mulberry32(mixSeed(seed, 0xc0));
  const regrets: number[] = [];
  for (let ratings = 0; ratings < BUDGETS.at(-1)!; ratings += 2) {
    const pair = await searcher.ask();
    // Absolute ratings drift (the reason the app also asks which option won): every round each
    // trainer's offset takes a random-walk step of sd DRIFT.
    for (const r of raters) r.offset += DRIFT * gaussian(random);
    const rater = raters[Math.floor(random() * raters.length)]!;
    const rate = (x: number) => Math.min(5, Math.max(1, Math.round(x + rater.offset)));
    const [a, b] = pair.map((p) => rate(truth(p) + NOISE * gaussian(random))) as [number, number];
    const [sa, sb] = pair.map((p) => truth(p) + NOISE * gaussian(comparing)) as [number, number];
    let outcome: Outcome = a > b ? 'A' : b > a ? 'B' : 'tie';
    if (sa + rater.offset < 2 && sb + rater.offset < 2) outcome = 'both_bad';
    else if (a === b && Math.abs(sa - sb) > TIE) outcome = sa > sb ? 'A' : 'B';
    await searcher.tell(pair, [a, b], outcome, rater.name);
    if (BUDGETS.includes(ratings + 2)) regrets.push(landscape.optimum - truth(await searcher.recommend()));
  }
  await searcher.close?.();
  return regrets;
}
