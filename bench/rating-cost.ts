// `npm run bench:rating-cost`: the host's work per rating as the store grows. For each size
// (BENCH_SIZES, default 1000,20000,100000 rated pairs, seeded by bench/seed-rated-pairs.ts) it
// starts the real service with the local enhancer, rates BENCH_RATINGS pairs (default 30) at a
// trainer's pace (BENCH_GAP_MS between answers, default 1000), and prints per size:
//  - the time inside `train.rate` (the call through the contract's dispatch), median / p95 / max,
//    split by phase (the service's `onRatePhases` hook; "other" is dispatch, validation and the rest);
//  - the event-loop delay over the whole run (perf_hooks), median / p99 / max: what IPC and image
//    requests wait behind, whatever runs (learning after the rating, generation, reward training).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { startService, repoRoot } from '../tests/helpers/service';
import { nextPair } from '../tests/helpers/next-pair';
import { tempDir } from '../tests/helpers/temp';
import { seedRatedPairs } from './seed-rated-pairs';

const SIZES = (process.env.BENCH_SIZES ?? '1000,20000,100000').split(',').map(Number);
const RATINGS = Number(process.env.BENCH_RATINGS ?? 30);
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 1000);
const PHASES = ['write', 'status', 'next', 'other'] as const;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const pause = (delay: number) => new Promise((resolve) => setTimeout(resolve, delay));

interface SizeFigures {
  pairs: number;
  seedSeconds: number;
  total: number[];
  phases: Record<(typeof PHASES)[number], number[]>;
  loop: { p50: number; p99: number; max: number };
}

async function measure(pairs: number): Promise<SizeFigures> {
  const data = tempDir('latina-bench-rating-');
  try {
    const seeding = performance.now();
    await seedRatedPairs(data.path, join(repoRoot, 'resources', 'samples'), pairs);
    const seedSeconds = (performance.now() - seeding) / 1000;
    let last: Record<string, number> = {};
    const service = await startService(data.path, { seed: 7, onRatePhases: (phases) => (last = phases), log: () => {} });
    await service.call('settings.update', { rater_id: 'ana@studio', prefetch: 3 });
    const figures: SizeFigures = { pairs, seedSeconds, total: [], phases: { write: [], status: [], next: [], other: [] }, loop: { p50: 0, p99: 0, max: 0 } };
    // The first pair waits for the queue's first generation: the loop is watched from then on.
    let pair = await nextPair(service);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    for (let i = 0; i < RATINGS; i++) {
      await pause(GAP_MS);
      const a = 1 + (i % 5);
      const b = 1 + ((i * 3 + 2) % 5);
      const started = performance.now();
      const answer = await service.call('train.rate', {
        experiment_id: pair.experiment_id,
        ratings: [
          { option: 'A', rating: a },
          { option: 'B', rating: b },
        ],
        outcome: a > b ? 'A' : a < b ? 'B' : 'tie',
        rated_by: 'ana@studio',
        shown_at: new Date().toISOString(),
      });
      const total = performance.now() - started;
      figures.total.push(total);
      const known = (last.write ?? 0) + (last.status ?? 0) + (last.next ?? 0);
      figures.phases.write.push(last.write ?? 0);
      figures.phases.status.push(last.status ?? 0);
      figures.phases.next.push(last.next ?? 0);
      figures.phases.other.push(total - known);
      pair = answer.next.experiment ?? (await nextPair(service));
    }
    loop.disable();
    figures.loop = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
    await service.close();
    return figures;
  } finally {
    data.remove();
  }
}

function printTable(results: SizeFigures[]): void {
  const header = ['pairs', 'train.rate median', 'p95', 'max', ...PHASES.map((p) => `${p} med/p95`), 'loop delay p50/p99/max'];
  const rows = results.map((r) => [
    r.pairs.toLocaleString('en'),
    ms(quantile(r.total, 0.5)),
    ms(quantile(r.total, 0.95)),
    ms(Math.max(...r.total)),
    ...PHASES.map((p) => `${ms(quantile(r.phases[p], 0.5))} / ${ms(quantile(r.phases[p], 0.95))}`),
    `${ms(r.loop.p50)} / ${ms(r.loop.p99)} / ${ms(r.loop.max)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(`\n${RATINGS} ratings per size, ${GAP_MS} ms apart; times in ms. Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`);
  for (const r of results) console.error(`seeded ${r.pairs} pairs in ${r.seedSeconds.toFixed(1)} s`);
}

async function main(): Promise<void> {
  const results: SizeFigures[] = [];
  for (const pairs of SIZES) {
    results.push(await measure(pairs));
    console.error(`measured ${pairs} pairs`);
  }
  printTable(results);
}

await main();
