// `npm run bench:export`: builds data folders of rated pairs with the real store, then runs each
// export format in its own process and prints its time and peak RSS.
// Images: 8 distinct noise JPEGs of about 200 KB, stored once each (the store is content-addressed,
// so every option points at one of them) and 1,000 small source renders, 100 pairs each. The
// pairwise export still reads and writes both images of every row (about 400 KB a pair), so it is
// disk-bound: beside it the bench writes the same number of bytes with plain sequential writes in
// the same folder and prints the export's time as a multiple of that.
// BENCH_PAIRS (default 100,000): pairs for csv, jsonl, imagefolder and rankings.
// BENCH_PAIRWISE_PAIRS (default 100000; a list like 1000,10000,100000 runs each): pairs for pairwise,
// each skipped with a note when the disk has no room for it. BENCH_FORMATS picks the formats.
// Then the server half (bench/export-server.ts): 20,000 pairs from PostgreSQL + S3. BENCH_SOURCES
// (local,server) picks the halves.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { EXPORT_FORMATS, promptLookup, runExport, type ExportFormat } from '../core/export';
import { createImageStore, type StoredImage } from '../core/images';
import { mulberry32 } from '../core/optimizer';
import { openStore } from '../core/store';
import type { SyncConfig } from '../core/sync';
import { diskBaseline, freeBytes } from './disk-baseline';
import { benchServer, runServerChild, type BenchFigures } from './export-server';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 100_000);
const PAIRWISE_PAIRS = (process.env.BENCH_PAIRWISE_PAIRS ?? '100000').split(',').map(Number);
const FORMATS = (process.env.BENCH_FORMATS?.split(',') ?? EXPORT_FORMATS) as readonly ExportFormat[];
// Room kept free beside the export, so a shared disk is never filled to the last byte.
const DISK_MARGIN = 4e9;
const SERVER_PAIRS = Number(process.env.BENCH_SERVER_PAIRS ?? 20_000);
// Pairwise embeds about 400 KB a pair: 20,000 server pairs write about 8 GB, so it is opt-in here.
const SERVER_FORMATS = (process.env.BENCH_SERVER_FORMATS ?? 'csv,imagefolder,rankings').split(',') as ExportFormat[];
const SOURCES_TO_RUN = (process.env.BENCH_SOURCES ?? 'local,server').split(',');
const SOURCES = 1000;
const OUTPUTS = 8;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

async function noiseJpeg(images: ReturnType<typeof createImageStore>, seed: number, side: number): Promise<StoredImage> {
  const random = mulberry32(seed);
  const raw = Buffer.alloc(side * side * 3);
  for (let i = 0; i < raw.length; i += 1) raw[i] = Math.floor(random() * 256);
  return images.ingest(await sharp(raw, { raw: { width: side, height: side, channels: 3 } }).jpeg({ quality: 80 }).toBuffer());
}

async function buildDataFolder(dataDir: string, pairs: number): Promise<number> {
  mkdirSync(dataDir, { recursive: true });
  let clock = Date.UTC(2026, 0, 1);
  const store = openStore(join(dataDir, 'latina.sqlite'), { now: () => new Date((clock += 1000)).toISOString() });
  const images = createImageStore({ dataDir });
  const outputs: StoredImage[] = [];
  for (let i = 0; i < OUTPUTS; i += 1) outputs.push(await noiseJpeg(images, 1 + i, 420));
  const sources: StoredImage[] = [];
  for (let i = 0; i < SOURCES; i += 1) sources.push(await noiseJpeg(images, 10_000 + i, 16));
  for (const o of outputs) store.images.record(o);
  sources.forEach((s, i) => store.images.recordSource(s, `render ${i}`));
  const random = mulberry32(7);
  const batch = (from: number, to: number) =>
    store.transaction(() => {
      for (let n = from; n < to; n += 1) {
        const id = `exp_${String(n).padStart(7, '0')}`;
        store.experiments.create({
          id,
          source_sha256: sources[n % SOURCES]!.sha256,
          mode: n % 2 === 0 ? 'structure' : 'surfaces',
          priority: 0,
          options: (['A', 'B'] as const).map((label, i) => ({
            id: `opt_${id}_${label}`,
            label,
            provider: 'local' as const,
            parameters: { api: 'local' as const, init_strength: 0.1 + 0.4 * random(), guidance_scale: 5 + 7 * random(), controlnet_weight: 0.7 + 0.29 * random() },
            origin: 'bench',
            prompt_version: 'v1.0.0',
            seed: n * 2 + i,
          })),
        });
        for (const [i, label] of (['A', 'B'] as const).entries()) {
          store.experiments.setOptionOutput(`opt_${id}_${label}`, { output_sha256: outputs[(n + i) % OUTPUTS]!.sha256, latency_ms: 1, cost_usd: 0, details: {} });
        }
        store.experiments.finishGeneration(id, null);
        const a = 1 + Math.floor(5 * random());
        const b = 1 + Math.floor(5 * random());
        store.ratings.rate({
          id: `rat_${id}`, experiment_id: id, rated_by: `rater-${n % 7}`, outcome: a > b ? 'A' : a < b ? 'B' : 'tie',
          rating_a: a, comment_a: 'bench', rating_b: b, comment_b: '', shown_at: null, details_shown: 0, answered_at: new Date((clock += 1000)).toISOString(),
        });
      }
    });
  for (let from = 0; from < pairs; from += 5000) batch(from, Math.min(pairs, from + 5000));
  store.close();
  return outputs.reduce((s, o) => s + o.bytes, 0) / OUTPUTS;
}

/** In the child: one export, then its figures on stdout. */
async function runOne(format: ExportFormat, dataDir: string, out: string): Promise<void> {
  const started = process.hrtime.bigint();
  const summary = await runExport({ format, out }, { dataDir, prompts: promptLookup(join(repoRoot, 'prompts'), dataDir) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const pairs = Object.values(summary.pairs).reduce((a, b) => a + (b ?? 0), 0);
  console.log(JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, pairs, files: summary.files, bytes: summary.bytes }));
}

const row = (source: string, format: string, r: BenchFigures, baseline?: number) => [
  source,
  format,
  String(r.pairs),
  r.seconds.toFixed(1),
  (r.pairs / r.seconds).toFixed(0),
  r.maxRssMb.toFixed(0),
  String(r.files),
  (r.bytes / 1e9).toFixed(2),
  baseline === undefined ? '' : `${(r.seconds / baseline).toFixed(2)}×`,
];

function exportInChild(format: ExportFormat, dataDir: string, out: string): BenchFigures {
  const child = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_EXPORT_CHILD: JSON.stringify([format, dataDir, out]) },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`${format} export failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as BenchFigures;
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main(): Promise<void> {
  if (process.env.BENCH_EXPORT_CHILD) {
    const [format, dataDir, out] = JSON.parse(process.env.BENCH_EXPORT_CHILD) as [ExportFormat, string, string];
    return runOne(format, dataDir, out);
  }
  if (process.env.BENCH_EXPORT_SERVER_CHILD) {
    const [format, config, out, dataDir] = JSON.parse(process.env.BENCH_EXPORT_SERVER_CHILD) as [ExportFormat, SyncConfig, string, string];
    return runServerChild(format, config, out, dataDir);
  }
  const root = join(tmpdir(), `latina-bench-export-${process.pid}`);
  mkdirSync(root, { recursive: true });
  console.log(`load average at the start (1, 5, 15 min): ${load()}`);
  try {
    const rows: string[][] = [];
    const notes: string[] = [];
    const built = new Map<number, { dataDir: string; imageBytes: number }>();
    const dataFolder = async (pairs: number) => {
      let folder = built.get(pairs);
      if (!folder) {
        const dataDir = join(root, `data-${pairs}`);
        const started = Date.now();
        const imageBytes = await buildDataFolder(dataDir, pairs);
        console.error(`built ${pairs} rated pairs in ${((Date.now() - started) / 1000).toFixed(0)} s (output images ${(imageBytes / 1024).toFixed(0)} KB each)`);
        folder = { dataDir, imageBytes };
        built.set(pairs, folder);
      }
      return folder;
    };
    const local = SOURCES_TO_RUN.includes('local') ? FORMATS : [];
    for (const format of local.filter((f) => f !== 'pairwise')) {
      const { dataDir } = await dataFolder(PAIRS);
      const out = join(root, `out-${format}`);
      rows.push(row('local', format, exportInChild(format, dataDir, out)));
      rmSync(out, { recursive: true, force: true });
    }
    for (const pairs of local.includes('pairwise') ? PAIRWISE_PAIRS : []) {
      const { dataDir, imageBytes } = await dataFolder(pairs);
      const needed = pairs * 2 * imageBytes * 1.01;
      const free = freeBytes(root);
      if (needed + DISK_MARGIN > free) {
        notes.push(`pairwise at ${pairs} pairs skipped: it needs about ${(needed / 1e9).toFixed(1)} GB and ${(free / 1e9).toFixed(1)} GB are free (${(DISK_MARGIN / 1e9).toFixed(0)} GB kept free).`);
        continue;
      }
      const out = join(root, `out-pairwise-${pairs}`);
      const figures = exportInChild('pairwise', dataDir, out);
      rmSync(out, { recursive: true, force: true });
      const baseline = diskBaseline(root, figures.bytes);
      rows.push(row('local', 'pairwise', figures, baseline.seconds));
      rows.push(['local', 'disk baseline', String(pairs), baseline.seconds.toFixed(1), '', '', '1', (baseline.bytes / 1e9).toFixed(2), `${(baseline.bytes / 1e6 / baseline.seconds).toFixed(0)} MB/s`]);
    }
    if (local.includes('pairwise')) {
      notes.push('pairwise images: 8 distinct JPEGs stored once each (the store is content-addressed); the export still reads and writes both images of every row.');
    }
    if (SOURCES_TO_RUN.includes('server')) {
      for (const [format, figures] of await benchServer(SERVER_PAIRS, SERVER_FORMATS, root)) rows.push(row('server', format, figures));
    }
    const head = ['source', 'format', 'pairs', 'seconds', 'pairs/s', 'peak RSS MB', 'files', 'GB written', '× disk'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
    console.log([line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
    for (const note of notes) console.log(note);
    console.log('× disk: the export\'s time over plain sequential writes of as many bytes to the same folder (both end with fsync).');
    console.log(`load average at the end (1, 5, 15 min): ${load()}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
