import { createOptimizer, createSpace, mixSeed, mulberry32 } from '../../core/optimizer';
import { LANDSCAPES, pointOf, unitOf } from './landscapes';
import { gaussian } from './simulate';

const NOISE = 0.5;

function latency(observations: number): { fresh: number; given: number; cached: number; status: number } {
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
  const given: number[] = [];
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
    // As the service does it: rebuilt with the worker's last fit (here: of the same ratings).
    const rebuilt = createOptimizer({ space, seed: repeat, hyperparameters: optimizer.hyperparameters()! });
    rebuilt.tell(ratings);
    rebuilt.tellPreference(preferences);
    start = performance.now();
    rebuilt.ask(2, pending);
    given.push(performance.now() - start);
    start = performance.now();
    optimizer.ask(2, pending);
    cached.push(performance.now() - start);
    // The status after a rating: the recommendation's search over the space, convergence, offsets.
    start = performance.now();
    optimizer.status();
    status.push(performance.now() - start);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { fresh: median(fresh), given: median(given), cached: median(cached), status: median(status) };
}

/** ask(2, 2 pending) after a rebuild (with the fit) and on a fitted optimizer, and status(). */
export function measureLatency(): void {
  // The service is a long-lived process: warm the JIT up first (the runs were in workers).
  latency(200);
  console.log(`ask(2, 2 pending) latency, ms (median of 5)`);
  console.log(`"fit inline" = rebuilt and fitted on the spot; "last fit given" = rebuilt with a fit done elsewhere (the service's worker); "cached" = asked again`);
  console.log(`${'observations'.padEnd(14)}${'fit inline'.padStart(12)}${'last fit given'.padStart(16)}${'cached'.padStart(10)}${'status()'.padStart(10)}`);
  for (const n of [50, 200, 1000]) {
    const { fresh, given, cached, status } = latency(n);
    console.log(`${String(n).padEnd(14)}${fresh.toFixed(1).padStart(12)}${given.toFixed(1).padStart(16)}${cached.toFixed(1).padStart(10)}${status.toFixed(1).padStart(10)}`);
  }
}
