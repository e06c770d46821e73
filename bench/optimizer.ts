// `npm run bench:optimizer`: how few ratings the Phase 1 optimizer needs, against simulated
// trainers, and how long ask() takes as the ratings pile up.
//  - Trainers: 2 or 3 per run, each with a personal offset drawn from [−0.7, 0.7] that drifts (a
//    random walk, sd 0.05 per round: ±0.35 over 50 ratings); each round one of them sees a pair, perceives each option's true quality plus N(0, 0.5²) noise, gives each an
//    integer rating (perception + offset, rounded, clamped to 1..5) and picks a side from the same
//    perceptions: a tie within 0.25, "both bad" when both would rate below 2.
//  - Landscapes over the real space (true quality in rating units, known optimum): two providers
//    with different optima, a narrow ridge, a flat landscape with one good region.
//  - A round = ask(2) → 2 ratings + 1 preference; budgets of 10/20/30/50 ratings = 5/10/15/25
//    rounds; simple regret = optimum − true quality of the recommendation; median over seeds.
//  - Methods: random search (recommends its highest rating), plain GP-EI (the same engine with the
//    seed's choices: provider as a 0/1 axis, ratings only, no rater offsets, textbook EI), and this
//    optimizer without and with preferences.
// Runs are spread over worker threads (one per core): the figures do not depend on how many.
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import {
  createOptimizer,
  createSpace,
  mixSeed,
  mulberry32,
  type CanonicalPoint,
  type OptimizerOptions,
} from '../core/optimizer';
import type { ProviderId } from '../core/api';

const SEEDS = Number(process.env.BENCH_SEEDS ?? 60);
const BUDGETS = [10, 20, 30, 50];
const NOISE = 0.5;
const TIE = 0.25;
const DRIFT = 0.05;

type Unit = [number, number, number];
interface Landscape {
  name: string;
  providers: ProviderId[];
  optimum: number;
  quality(provider: ProviderId, u: Unit): number;
}

const bump = (u: Unit, centre: Unit, width: number) =>
  Math.exp(-u.reduce((s, x, i) => s + (x - centre[i]!) ** 2, 0) / (2 * width * width));

const LANDSCAPES: Landscape[] = [
  {
    // Shared structure (guidance matters the same way for both) plus a provider-specific optimum.
    name: 'two-providers',
    providers: ['leonardo', 'stablediffusion'],
    optimum: 4.6,
    quality: (p, u) => {
      const shared = -1.2 * (u[1] - 0.55) ** 2;
      return p === 'leonardo'
        ? 2.0 + 2.2 * bump(u, [0.7, 0.55, 0.75], 0.25) + shared
        : 2.0 + 2.6 * bump(u, [0.3, 0.55, 0.35], 0.25) + shared;
    },
  },
  {
    // Good only where guidance tracks init strength closely; better with more ControlNet.
    name: 'narrow-ridge',
    providers: ['leonardo', 'stablediffusion'],
    optimum: 4.5,
    quality: (p, u) => {
      const ridge = Math.exp(-((u[1] - (0.2 + 0.6 * u[0])) ** 2) / (2 * 0.06 * 0.06));
      return 1.5 + 3 * ridge * (0.6 + 0.4 * u[2]) - (p === 'leonardo' ? 0.3 : 0);
    },
  },
  {
    // Mediocre everywhere except one region of one provider (of three).
    name: 'flat-one-region',
    providers: ['local', 'leonardo', 'stablediffusion'],
    optimum: 4.5,
    quality: (p, u) => 2.5 + (p === 'stablediffusion' ? 2 * bump(u, [0.65, 0.3, 0.6], 0.2) : 0),
  },
];

const METHODS = ['random', 'plain GP-EI', 'ours, ratings', 'ours, +prefs'] as const;
type Method = (typeof METHODS)[number];

const unitOf = (p: CanonicalPoint): Unit => [(p.init_strength - 0.1) / 0.4, (p.guidance_scale - 5) / 7, (p.controlnet_weight - 0.7) / 0.29];
const pointOf = (provider: ProviderId, u: Unit): CanonicalPoint => ({
  provider,
  init_strength: 0.1 + 0.4 * u[0],
  guidance_scale: 5 + 7 * u[1],
  controlnet_weight: 0.7 + 0.29 * u[2],
});

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
}

/** One run: regret after each budget. */
function run(landscape: Landscape, method: Method, seed: number): number[] {
  const random = mulberry32(mixSeed(seed, 0x7ea));
  const raters = Array.from({ length: 2 + (seed % 2) }, (_, i) => ({ name: `rater${i}`, offset: -0.7 + 1.4 * random() }));
  const truth = (p: CanonicalPoint) => landscape.quality(p.provider, unitOf(p));
  const space = createSpace(landscape.providers);
  const optionsFor: Record<Exclude<Method, 'random'>, Partial<OptimizerOptions>> = {
    'plain GP-EI': { providerEncoding: 'axis', raterOffsets: false, usePreferences: false, acquisition: 'ei' },
    'ours, ratings': { usePreferences: false },
    'ours, +prefs': {},
  };
  const optimizer = method === 'random' ? null : createOptimizer({ space, seed, ...optionsFor[method] });
  const searchRandom = mulberry32(mixSeed(seed, 0x5ea));
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
    const [pa, pb] = perceived as [number, number];
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

interface Job {
  landscape: number;
  method: Method;
  seed: number;
}

function latency(observations: number): { fresh: number; cached: number } {
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
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { fresh: median(fresh), cached: median(cached) };
}

if (isMainThread) {
  const started = performance.now();
  const jobs: Job[] = [];
  LANDSCAPES.forEach((_, landscape) => {
    for (const method of METHODS) for (let seed = 1; seed <= SEEDS; seed++) jobs.push({ landscape, method, seed });
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
      for (const method of METHODS) {
        const runs = results.get(`${l}|${method}`)!;
        const cells = BUDGETS.map((_, b) => statistic(runs.map((r) => r[b]!)).toFixed(2).padStart(11));
        console.log(`${landscape.name.padEnd(17)}${method.padEnd(15)}${cells.join('')}`);
      }
    });
    console.log('');
  }
  // The service is a long-lived process: warm the JIT up first (the runs above were in workers).
  latency(200);
  console.log(`ask(2, 2 pending) latency, ms (median of 5; "fresh" = rebuilt optimizer, includes the fit)`);
  console.log(`${'observations'.padEnd(14)}${'fresh'.padStart(10)}${'cached fit'.padStart(12)}`);
  for (const n of [50, 200, 1000]) {
    const { fresh, cached } = latency(n);
    console.log(`${String(n).padEnd(14)}${fresh.toFixed(1).padStart(10)}${cached.toFixed(1).padStart(12)}`);
  }
  console.log(`\nbench time ${((performance.now() - started) / 1000).toFixed(0)} s on ${threads} threads`);
} else {
  parentPort!.on('message', (job: Job) => parentPort!.postMessage(run(LANDSCAPES[job.landscape]!, job.method, job.seed)));
}
