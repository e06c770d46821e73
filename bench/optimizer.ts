// `npm run bench:optimizer`: how few ratings the Phase 1 optimizer needs, against simulated
// trainers (bench/optimizer/simulate.ts) on four landscapes (bench/optimizer/landscapes.ts), and
// how long ask() takes as the ratings pile up.
//  - A round = ask(2) → 2 ratings + 1 outcome; budgets of 10/20/30/50 ratings = 5/10/15/25
//    rounds; simple regret = optimum − true quality of the recommendation; median over seeds.
//  - Methods: random search (recommends its highest rating), Optuna's TPE (bench/optimizer/tpe.py,
//    its best trial), plain GP-EI (the same engine with the seed's and general tools' choices, see
//    PLAIN), and this optimizer without and with the outcomes.
//  - BENCH_SEEDS (default 60) seeds from BENCH_FIRST_SEED (default 1001; seeds below 1000 are for
//    tuning); BENCH_METHODS / BENCH_LANDSCAPES (lists split by ;) run a subset; BENCH_TEAMS=1;3;10 runs
//    the rater-offset study instead (teams of that many raters); BENCH_LATENCY=0 skips latency;
//    BENCH_OPTIONS (JSON of optimizer options) changes the "ours" rows, for tuning.
// Runs are spread over worker threads (one per core): the figures do not depend on how many.
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { OptimizerOptions } from '../core/optimizer';
import { LANDSCAPES } from './optimizer/landscapes';
import { measureLatency } from './optimizer/latency';
import { printRatios, printTables, type Results } from './optimizer/report';
import { runOnce, type MethodSpec } from './optimizer/simulate';
import { findOptunaPython, startTpe, TPE_MISSING_NOTE, type TpeProcess } from './optimizer/tpe';

const SEEDS = Number(process.env.BENCH_SEEDS ?? 60);
const FIRST_SEED = Number(process.env.BENCH_FIRST_SEED ?? 1001);
const list = (name: string) => process.env[name]?.split(';').map((s) => s.trim()).filter(Boolean);

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

const TUNED: Partial<OptimizerOptions> = JSON.parse(process.env.BENCH_OPTIONS ?? '{}');

const METHODS: Record<string, MethodSpec> = {
  random: { kind: 'random' },
  'TPE (Optuna)': { kind: 'tpe' },
  'plain GP-EI': { kind: 'optimizer', options: PLAIN },
  'ours, ratings': { kind: 'optimizer', options: { ...TUNED, usePreferences: false } },
  'ours, +outcomes': { kind: 'optimizer', options: TUNED },
  'ours, +outcomes twice': { kind: 'optimizer', options: TUNED, countTwice: true },
};
const TEAM_METHODS: Record<string, MethodSpec> = {
  ours: { kind: 'optimizer', options: TUNED },
  'ours, no offsets': { kind: 'optimizer', options: { ...TUNED, raterOffsets: false } },
};

interface Job {
  landscape: number;
  method: string;
  seed: number;
  team?: number;
}

if (isMainThread) {
  const started = performance.now();
  const teams = list('BENCH_TEAMS')?.map(Number);
  const catalogue = teams ? TEAM_METHODS : METHODS;
  const python = findOptunaPython();
  const methods = Object.keys(catalogue).filter((m) => (list('BENCH_METHODS') ?? Object.keys(catalogue)).includes(m) && (python || catalogue[m]!.kind !== 'tpe'));
  const landscapes = LANDSCAPES.map((l) => l.name).filter((n) => (list('BENCH_LANDSCAPES') ?? [n]).includes(n));
  const jobs: Job[] = [];
  for (const team of teams ?? [undefined]) {
    for (const name of landscapes) {
      const landscape = LANDSCAPES.findIndex((l) => l.name === name);
      for (const method of methods) for (let s = 0; s < SEEDS; s++) jobs.push({ landscape, method, seed: FIRST_SEED + s, team });
    }
  }
  const results = new Map<string, Results>();
  const threads = Math.max(1, Math.min(availableParallelism(), 8));
  let next = 0;
  await Promise.all(
    Array.from({ length: threads }, async () => {
      // Workers do not inherit tsx's loader: register it in the worker, then load this file.
      const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`;
      const worker = new Worker(boot, { eval: true, workerData: { python, teams: Boolean(teams) } });
      for (; next < jobs.length; ) {
        const job = jobs[next++]!;
        const regrets = await new Promise<number[]>((resolve, reject) => {
          worker.removeAllListeners();
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.postMessage(job);
        });
        const table = results.get(String(job.team)) ?? new Map();
        table.set(`${job.landscape}|${job.method}`, [...(table.get(`${job.landscape}|${job.method}`) ?? []), regrets]);
        results.set(String(job.team), table);
      }
      await worker.terminate();
    }),
  );
  const indexed = (table: Results) => new Map([...table].map(([k, v]) => [k.replace(/^\d+/, (i) => String(landscapes.indexOf(LANDSCAPES[Number(i)]!.name))), v]));
  const seeds = `${SEEDS} seeds (${FIRST_SEED}–${FIRST_SEED + SEEDS - 1})`;
  for (const [team, table] of results) {
    if (teams) console.log(`=== teams of ${team} rater${team === '1' ? '' : 's'} ===`);
    const twice = methods.includes('ours, +outcomes twice') ? '"twice": each outcome told without its round\'s ratings, so the model counts it on top of them' : '';
    const footnote = teams ? 'offsets: each rater\'s own, drawn from [−0.7, 0.7], drifting' : twice;
    printTables(indexed(table), landscapes, methods, seeds, footnote);
    if (methods.includes('TPE (Optuna)')) printRatios(indexed(table), landscapes, methods, 'TPE (Optuna)');
  }
  if (!python) console.log(`${TPE_MISSING_NOTE}\n`);
  if (process.env.BENCH_LATENCY !== '0') measureLatency();
  console.log(`\nbench time ${((performance.now() - started) / 1000).toFixed(0)} s on ${threads} threads`);
} else {
  const { python, teams } = workerData as { python: string | null; teams: boolean };
  let tpe: TpeProcess | null = null;
  parentPort!.on('message', (job: Job) => {
    const method = (teams ? TEAM_METHODS : METHODS)[job.method]!;
    if (method.kind === 'tpe') tpe ??= startTpe(python!);
    void runOnce(LANDSCAPES[job.landscape]!, method, job.seed, tpe, job.team).then((regrets) => parentPort!.postMessage(regrets));
  });
}
