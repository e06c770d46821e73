// Prefetch against remote providers on a simulated clock: in-process stand-ins with the latencies
// the providers show (Leonardo ~20 s, Replicate ~10 s, ComfyUI ~6 s on a studio GPU) behind the
// real service and queue, and a simulated trainer who rates one pair every 6 s. Virtual time only
// moves when the service has finished everything real (image ingest, SQLite), so 20 simulated
// minutes take well under a minute. Prints the share of Enter presses whose next pair was ready,
// the requests a minute and concurrent jobs against each provider's limits, and spend against the cap.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { PROVIDER_IDS, type Parameters, type ProviderId } from '../core/api';
import type { GenerationProvider } from '../core/generation';
import { mulberry32 } from '../core/optimizer';
import type { Scheduler } from '../core/queue';
import { createService } from '../core/service';

const PAIRS = 200;
const PACE_MS = 6_000;
const START_MS = Date.UTC(2026, 0, 5, 9, 0, 0);

interface Plan {
  id: ProviderId;
  latencyMs: number;
  costUsd: number;
  concurrency: number;
  rpm: number;
  capUsd: number;
}
// Prices are examples (the admin sets the account's); limits are the published ones (reference/providers.md).
const ALL: (Omit<Plan, 'id'> & { id: string })[] = [
  { id: 'leonardo', latencyMs: 20_000, costUsd: 0.012, concurrency: 10, rpm: 100, capUsd: 5 },
  { id: 'stablediffusion', latencyMs: 10_000, costUsd: 0.0098, concurrency: 10, rpm: 600, capUsd: 5 },
  { id: 'comfyui', latencyMs: 6_000, costUsd: 0, concurrency: 1, rpm: 600, capUsd: 0 },
];
const ROOMY = ALL.filter((p): p is Plan => (PROVIDER_IDS as readonly string[]).includes(p.id));

/** A heap-free event list is enough here: a few hundred timers. */
function simulatedScheduler() {
  let now = START_MS;
  let seq = 0;
  const events: { at: number; seq: number; run: () => void }[] = [];
  const scheduler: Scheduler = {
    now: () => now,
    after(ms, run) {
      const event = { at: now + Math.max(0, ms), seq: seq++, run };
      events.push(event);
      return () => {
        const i = events.indexOf(event);
        if (i >= 0) events.splice(i, 1);
      };
    },
  };
  return {
    scheduler,
    /** Runs the next timer, moving the clock to it; false when none is left. */
    step(): boolean {
      if (events.length === 0) return false;
      events.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = events.shift()!;
      now = Math.max(now, next.at);
      next.run();
      return true;
    },
    /** Moves the clock forward to `at` when no timer is due before it. */
    moveTo(at: number): void {
      now = Math.max(now, at);
    },
    nextAt: () => (events.length ? Math.min(...events.map((e) => e.at)) : null),
    sleep: (ms: number) => new Promise<void>((resolve) => scheduler.after(ms, resolve)),
  };
}

async function run(title: string, plans: Plan[]) {
  const clock = simulatedScheduler();
  const random = mulberry32(7);
  const calls = new Map<ProviderId, { starts: number[]; active: number; maxActive: number; spent: number }>();
  let returned = 0;
  const image = await sharp({ create: { width: 96, height: 64, channels: 3, background: { r: 90, g: 80, b: 70 } } }).png().toBuffer();

  const fake = (plan: Plan): GenerationProvider => {
    const stats = { starts: [] as number[], active: 0, maxActive: 0, spent: 0 };
    calls.set(plan.id, stats);
    return {
      id: plan.id,
      label: `Simulated ${plan.id}`,
      note: 'benchmark stand-in',
      remote: true,
      available: () => true,
      async generate(request) {
        stats.starts.push(clock.scheduler.now());
        stats.active += 1;
        stats.maxActive = Math.max(stats.maxActive, stats.active);
        // ±30 % around the provider's typical latency.
        const latency = plan.latencyMs * (0.7 + 0.6 * random());
        await clock.sleep(latency);
        stats.active -= 1;
        stats.spent += plan.costUsd;
        returned += 1;
        // Distinct bytes per request, so each output is its own image in the store.
        const bytes = await sharp(image).modulate({ brightness: 0.6 + (request.seed % 997) / 1000 }).png().toBuffer();
        return { bytes, latencyMs: latency, costUsd: plan.costUsd, details: { job_id: `sim-${returned}`, model: 'simulated', request: {} } };
      },
      effectiveParameters: (p: Parameters) => (plan.id === 'leonardo' ? { ...p, guidance_scale: Math.round(p.guidance_scale) } : p),
      testConnection: async () => ({ ok: true, message: 'simulated', balance: null }),
    };
  };

  const dataDir = mkdtempSync(join(tmpdir(), 'latina-bench-providers-'));
  const root = fileURLToPath(new URL('..', import.meta.url));
  const service = await createService({
    dataDir,
    promptsDir: join(root, 'prompts'),
    samplesDir: join(root, 'resources', 'samples'),
    version: 'bench',
    seed: 11,
    now: () => new Date(clock.scheduler.now()).toISOString(),
    log: () => {},
    providers: plans.map(fake),
    scheduler: clock.scheduler,
    generationTimeoutMs: 180_000,
  });
  const recorded = service.store.forTests().prepare('SELECT count(*) AS n FROM options WHERE output_sha256 IS NOT NULL OR error IS NOT NULL');
  /** Lets the service finish all real work (ingest, SQLite, follow-up fills) before time moves on. */
  const settle = async () => {
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if ((recorded.get() as { n: number }).n >= returned) {
        await new Promise((r) => setTimeout(r, 0));
        if ((recorded.get() as { n: number }).n >= returned) return;
      }
    }
  };
  /** Runs timers until `ms` of simulated time have passed. */
  const advance = async (ms: number) => {
    const until = clock.scheduler.now() + ms;
    for (;;) {
      await settle();
      const next = clock.nextAt();
      if (next === null || next > until) break;
      clock.step();
    }
    clock.moveTo(until);
  };

  for (const plan of plans) {
    await service.call('providers.update', {
      id: plan.id,
      enabled: true,
      settings: { concurrency: plan.concurrency, requests_per_minute: plan.rpm, daily_cap_usd: plan.capUsd || null, price_usd: plan.costUsd },
    });
  }
  await service.call('providers.update', { id: 'local', enabled: false }).catch(() => undefined);
  await service.call('settings.update', { prefetch: 3, prefetch_max: 12 });

  // The trainer waits for the first pair, then rates one every 6 s; a press whose next pair is not
  // ready is a miss, and the trainer waits for it.
  const head = () => service.store.experiments.queueHead('structure');
  while (!head()) await advance(500);
  const started = clock.scheduler.now();
  let hits = 0;
  let presses = 0;
  let waitedMs = 0;
  const misses: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    await advance(PACE_MS);
    const pair = head()!;
    await service.call('train.rate', {
      experiment_id: pair.id,
      ratings: [
        { option: 'A', rating: 3, comments: '' },
        { option: 'B', rating: 4, comments: '' },
      ],
      outcome: 'B',
      rated_by: 'bench@studio',
    });
    presses += 1;
    if (presses % 20 === 0) process.stderr.write(`${presses} pairs rated\n`);
    if (head()) hits += 1;
    else {
      misses.push(presses);
      const from = clock.scheduler.now();
      while (!head()) await advance(250);
      waitedMs += clock.scheduler.now() - from;
    }
  }
  const minutes = (clock.scheduler.now() - started) / 60_000;
  const targetSeen = (await service.call('queue.state', {})).target;
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });

  const maxPerMinute = (starts: number[]) => Math.max(0, ...starts.map((s) => starts.filter((t) => t >= s && t < s + 60_000).length));
  console.log(`\nbench:providers, ${title} — ${PAIRS} pairs, a rating every ${PACE_MS / 1000} s, ${minutes.toFixed(1)} simulated minutes`);
  console.log(`providers: ${plans.map((p) => `${p.id} ~${p.latencyMs / 1000} s`).join(', ')}; ready target at the end: ${targetSeen}\n`);
  console.log(`next pair already ready at Enter: ${hits}/${presses} = ${((100 * hits) / presses).toFixed(1)} % (target ≥ 99 %); time waited: ${(waitedMs / 1000).toFixed(1)} s; misses at presses ${misses.join(', ') || 'none'}\n`);
  console.log('| provider | images | max requests in any minute | limit | max concurrent jobs | limit | spend USD | daily cap USD |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const plan of plans) {
    const stats = calls.get(plan.id)!;
    console.log(
      `| ${plan.id} | ${stats.starts.length} | ${maxPerMinute(stats.starts)} | ${plan.rpm} | ${stats.maxActive} | ${plan.concurrency} | ${stats.spent.toFixed(3)} | ${plan.capUsd ? plan.capUsd.toFixed(2) : 'none'} |`,
    );
  }
}

async function main() {
  await run('daily caps with room', ROOMY);
  // Leonardo's cap is reached part-way: it must stop there while Replicate serves the rest.
  await run('Leonardo capped at $1', ROOMY.map((p) => (p.id === 'leonardo' ? { ...p, capUsd: 1 } : p)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
