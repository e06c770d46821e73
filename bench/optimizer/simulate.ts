import { createOptimizer, createSpace, mixSeed, mulberry32, type CanonicalPoint, type OptimizerOptions } from '../../core/optimizer';
import { pointOf, unitOf, type Landscape } from './landscapes';

/**
 * One simulated Phase 1 run. Trainers: 2 or 3 per run, each with a personal offset drawn from
 * [−0.7, 0.7] that drifts (a random walk, sd 0.05 per round: ±0.35 over 50 ratings). Each round
 * one of them sees a pair, perceives each option's true quality plus N(0, 0.5²) noise, gives each an
 * integer rating (perception + offset, rounded, clamped to 1..5), then compares the two side by
 * side: a second look at each, with the same N(0, 0.5²) noise drawn afresh, decides the side (a tie
 * within 0.25, "both bad" when both would rate below 2). Choosing is a judgement of its own, not
 * a function of the two integer ratings, and no more precise than a rating; it has its own random
 * stream, so the ratings (and every method without preferences) are the same as without it.
 */

export const BUDGETS = [10, 20, 30, 50];
const NOISE = 0.5;
const TIE = 0.25;
const DRIFT = 0.05;

/**
 * Random search, or the optimizer with some options (the plain GP-EI baseline is one of them).
 * `choiceFromRatings`: the trainer picks the side from the same perceptions as the ratings instead
 * of a second look (the first version of this benchmark), so the choice adds little of its own.
 */
export type MethodSpec =
  | { kind: 'random' }
  | { kind: 'optimizer'; options: Partial<OptimizerOptions>; choiceFromRatings?: boolean };

export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
}

/** Simple regret (optimum − true quality of the recommendation) after each budget. */
export function runOnce(landscape: Landscape, method: MethodSpec, seed: number): number[] {
  const random = mulberry32(mixSeed(seed, 0x7ea));
  const raters = Array.from({ length: 2 + (seed % 2) }, (_, i) => ({ name: `rater${i}`, offset: -0.7 + 1.4 * random() }));
  const truth = (p: CanonicalPoint) => landscape.quality(p.provider, unitOf(p));
  const space = createSpace(landscape.providers);
  const optimizer = method.kind === 'random' ? null : createOptimizer({ space, seed, ...method.options });
  const searchRandom = mulberry32(mixSeed(seed, 0x5ea));
  const comparing = mulberry32(mixSeed(seed, 0xc0));
  let bestRated: { point: CanonicalPoint; rating: number } | null = null;
  const regrets: number[] = [];
  for (let ratings = 0; ratings < BUDGETS.at(-1)!; ratings += 2) {
    const pair = optimizer
      ? optimizer.ask(2, []).map((p) => p.point)
      : [0, 1].map(() => {
          const provider = landscape.providers[Math.floor(searchRandom() * landscape.providers.length)]!;
          return pointOf(provider, [searchRandom(), searchRandom(), searchRandom()]);
        });
    // Absolute ratings drift (the reason the app also asks which option won): every round each
    // trainer's offset takes a random-walk step of sd DRIFT.
    for (const r of raters) r.offset += DRIFT * gaussian(random);
    const rater = raters[Math.floor(random() * raters.length)]!;
    const perceived = pair.map((p) => truth(p) + NOISE * gaussian(random));
    const rate = (x: number) => Math.min(5, Math.max(1, Math.round(x + rater.offset)));
    const observations = pair.map((point, i) => ({ point, rating: rate(perceived[i]!), rater: rater.name }));
    const second = pair.map((p) => truth(p) + NOISE * gaussian(comparing));
    const [pa, pb] = (method.kind === 'optimizer' && method.choiceFromRatings ? perceived : second) as [number, number];
    const outcome =
      pa + rater.offset < 2 && pb + rater.offset < 2 ? 'both_bad' : Math.abs(pa - pb) < TIE ? 'tie' : pa > pb ? 'A' : 'B';
    if (optimizer) {
      optimizer.tell(observations);
      optimizer.tellPreference([{ a: pair[0]!, b: pair[1]!, outcome, rater: rater.name }]);
    } else {
      for (const o of observations) if (!bestRated || o.rating > bestRated.rating) bestRated = o;
    }
    if (BUDGETS.includes(ratings + 2)) {
      const recommended = optimizer ? optimizer.recommend()!.point : bestRated!.point;
      regrets.push(landscape.optimum - truth(recommended));
    }
  }
  return regrets;
}
