// `npm run bench:optimizer`: how few ratings the Phase 1 optimizer needs, against simulated
// trainers (bench/optimizer/simulate.ts) on three landscapes (bench/optimizer/landscapes.ts), and
// how long ask() takes as the ratings pile up.
//  - A round = ask(2) → 2 ratings + 1 preference; budgets of 10/20/30/50 ratings = 5/10/15/25
//    rounds; simple regret = optimum − true quality of the recommendation; median over seeds.
//  - Methods: random search (recommends its highest rating), plain GP-EI (the same engine with the
//    seed's and general tools' choices, see PLAIN), and this optimizer without and with preferences;
//    † = with trainers who pick the side from the same perceptions as their ratings.
// Runs are spread over worker threads (one per core): the figures do not depend on how many.
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { createOptimizer, createSpace, mixSeed, mulberry32, type OptimizerOptions } from '../core/optimizer';
import { LANDSCAPES, pointOf, unitOf } from './optimizer/landscapes';
import { BUDGETS, gaussian, runOnce, type MethodSpec } from './optimizer/simulate';

const SEEDS = Number(process.env.BENCH_SEEDS ?? 100);
const NOISE = 0.5;

/**
 * Plain GP-EI as general tools and the seed do it: provider as a 0/1 axis, ratings only, no rater
 * offsets, textbook EI, generic priors on standardised ratings, the seed's 5-point design, the best
 * posterior mean among the tried points as the recommendation (stronger than the seed's "best rating").
 */
const PLAIN: Partial<OptimizerOptions> = {
  providerEncoding: 'axis',
  raterOffsets: false,
  usePreferences: false,
  acquisition: 'ei',
  priors: 'standardised',
  designUntilSignal: 0,
  recommendFrom: 'tried',
};

const METHODS = {
  random: { kind: 'random' },
  'plain GP-EI': { kind: 'optimizer', options: PLAIN },
  'ours, ratings': { kind: 'optimizer', options: { usePreferences: false } },
  'ours, +prefs': { kind: 'optimizer', options: {} },
  'ours, +prefs†': { kind: 'optimizer', options: {}, choiceFromRatings: true },
} satisfies Record<string, MethodSpec>;
type Method = keyof typeof METHODS;

interface Job {
  landscape: number;
  method: Method;
  seed: number;
}

function latency(observations: number): { fresh: number; cached: number; status: number } {
  const space = createSpace(['leonardo', 'stablediffusion']);
  const random = mulberry32(mixSeed(observations, 0x1a7));
  const landscape = LANDSCAPES[0]!;
  const ratings = [];
  const preferences = [];
  for (let i = 0; i < observations; i += 2) {
    const pair = [0, 1].map(() => pointOf(space.providers[Math.floor(random() * 2)]!, [random(), random(), random()]));
    const rater = `rater${i % 3}`;
    for (const point of pair) {
      const rating = Math.min(5, Math.max(1, Math.round(landscape.quality(point.provider, unitOf(point)) + NOISE * gaussian(random))));
      ratings.push({ point, rating, rater });
    }
    preferences.push({ a: pair[0]!, b: pair[1]!, outcome: random() < 0.5 ? ('A' as const) : ('B' as const), rater });
  }
  const pending = [0, 1].map(() => pointOf('leonardo', [random(), random(), random()]));
  const fresh: number[] = [];
  const cached: number[] = [];
  const status: number[] = [];
  for (let repeat = 0; repeat < 5; repeat++) {
    // As the service uses it: rebuilt from the store, then asked for a pair with pairs waiting.
    const optimizer = createOptimizer({ space, seed: repeat });
    optimizer.tell(ratings);
    optimizer.tellPreference(preferences);
    let start = performance.now();
    optimizer.ask(2, pending);
    fresh.push(performance.now() - start);
    start = performance.now();
    optimizer.ask(2, pending);
    cached.push(performance.now() - start);
    // The status after a rating: the recommendation's search over the space, convergence, offsets.
    start = performance.now();
    optimizer.status();
    status.push(performance.now() - start);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { fresh: median(fresh), cached: median(cached), status: median(status) };
}

if (isMainThread) {
  const started = performance.now();
  const jobs: Job[] = [];
  LANDSCAPES.forEach((_, landscape) => {
    for (const method of Object.keys(METHODS) as Method[]) for (let seed = 1; seed <= SEEDS; seed++) jobs.push({ landscape, method, seed });
  });
  const results = new Map<string, number[][]>();
  const threads = Math.max(1, Math.min(availableParallelism(), 8));
  let next = 0;
  await Promise.all(
    Array.from({ length: threads }, async () => {
      // Workers do not inherit tsx's loader: register it in the worker, then load this file.
      const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`;
      const worker = new Worker(boot, { eval: true });
      for (; next < jobs.length; ) {
        const job = jobs[next++]!;
        const regrets = await new Promise<number[]>((resolve, reject) => {
          worker.removeAllListeners();
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.postMessage(job);
        });
        const key = `${job.landscape}|${job.method}`;
        results.set(key, [...(results.get(key) ?? []), regrets]);
      }
      await worker.terminate();
    }),
  );
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // The median is the headline; the mean shows what the median hides when runs split between
  // "found the good region" and "did not" (the flat landscape).
  for (const [title, statistic] of [['Median', median], ['Mean', mean]] as const) {
    console.log(`${title} simple regret (rating points; optimum − true quality of the recommendation), ${SEEDS} seeds`);
    console.log(`${'landscape'.padEnd(17)}${'method'.padEnd(15)}${BUDGETS.map((b) => `${b} ratings`.padStart(11)).join('')}`);
    LANDSCAPES.forEach((landscape, l) => {
      for (const method of Object.keys(METHODS) as Method[]) {
        const runs = results.get(`${l}|${method}`)!;
        const cells = BUDGETS.map((_, b) => statistic(runs.map((r) => r[b]!)).toFixed(2).padStart(11));
        console.log(`${landscape.name.padEnd(17)}${method.padEnd(15)}${cells.join('')}`);
      }
    });
    console.log('† trainers pick the side from the same perceptions as their ratings (no second look)\n');
  }
  // The service is a long-lived process: warm the JIT up first (the runs above were in workers).
  latency(200);
  console.log(`ask(2, 2 pending) latency, ms (median of 5; "fresh" = rebuilt optimizer, includes the fit)`);
  console.log(`${'observations'.padEnd(14)}${'fresh'.padStart(10)}${'cached fit'.padStart(12)}${'status()'.padStart(10)}`);
  for (const n of [50, 200, 1000]) {
    const { fresh, cached, status } = latency(n);
    console.log(`${String(n).padEnd(14)}${fresh.toFixed(1).padStart(10)}${cached.toFixed(1).padStart(12)}${status.toFixed(1).padStart(10)}`);
  }
  console.log(`\nbench time ${((performance.now() - started) / 1000).toFixed(0)} s on ${threads} threads`);
} else {
  parentPort!.on('message', (job: Job) => parentPort!.postMessage(runOnce(LANDSCAPES[job.landscape]!, METHODS[job.method], job.seed)));
}
