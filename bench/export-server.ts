// The server half of `npm run bench:export`: BENCH_SERVER_PAIRS rated pairs (default 20,000) in an
// embedded PostgreSQL, their images in s3rver, exported through the server source in a child
// process per format (time and peak RSS of the export alone). Pairs are written with SQL in bulk
// (the sync's own speed is bench:sync's business); images as in the local half: 8 distinct noise
// JPEGs (about 307 KB at the image store's quality) that every option points at, 1,000 small source renders.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { promptLookup, runExport, type ExportFormat } from '../core/export';
import { mulberry32 } from '../core/optimizer';
import { imageKey, serverExportSource, type SyncConfig } from '../core/sync';
import { startPostgres } from '../tests/helpers/pg';
import { startS3 } from '../tests/helpers/s3';

const SOURCES = 1000;
const OUTPUTS = 8;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface BenchFigures {
  seconds: number;
  maxRssMb: number;
  pairs: number;
  files: number;
  bytes: number;
}

interface Picture {
  sha256: string;
  bytes: Buffer;
  side: number;
}

async function noiseJpeg(seed: number, side: number): Promise<Picture> {
  const random = mulberry32(seed);
  const raw = Buffer.alloc(side * side * 3);
  for (let i = 0; i < raw.length; i += 1) raw[i] = Math.floor(random() * 256);
  // Quality 92, 4:4:4, as the image store keeps renders (noise compresses badly: about 307 KB at 420 × 420).
  const bytes = await sharp(raw, { raw: { width: side, height: side, channels: 3 } }).jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer();
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes, side };
}

// Scores drawn once per pair in SQL; the outcome follows them as a trainer's would.
const SEED_SQL = [
  `INSERT INTO raters (id, login) SELECT 'rater-' || g, 'postgres' FROM generate_series(0, 6) g`,
  `INSERT INTO images (sha256, mime, width, height, bytes, source_name, workstation_id)
     SELECT sha, 'image/jpeg', side, side, size, name, 'bench' FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[]) AS t (sha, side, size, name)`,
  `CREATE TEMP TABLE bench_pairs AS
     SELECT n, 'exp_' || lpad(n::text, 7, '0') AS id, timestamptz '2026-01-01' + n * interval '2 second' AS at,
            1 + floor(random() * 5)::int AS a, 1 + floor(random() * 5)::int AS b
       FROM generate_series(0, $1::int - 1) n`,
  `INSERT INTO experiments (id, source_sha256, mode, created_at, ready_at, workstation_id)
     SELECT id, ($1::text[])[1 + n % array_length($1::text[], 1)], CASE WHEN n % 2 = 0 THEN 'structure' ELSE 'surfaces' END, at, at, 'bench' FROM bench_pairs`,
  `INSERT INTO parameter_experiments (id, experiment_id, label, provider, parameters, origin, prompt_version, seed, output_sha256)
     SELECT 'opt_' || p.id || '_' || l.label, p.id, l.label, 'local',
            jsonb_build_object('api', 'local', 'init_strength', 0.1 + 0.4 * random(), 'guidance_scale', 5 + 7 * random(), 'controlnet_weight', 0.7 + 0.29 * random()),
            'bench', 'v1.0.0', p.n * 2 + l.i, ($1::text[])[1 + (p.n + l.i) % array_length($1::text[], 1)]
       FROM bench_pairs p, (VALUES ('A', 0), ('B', 1)) AS l (label, i)`,
  `INSERT INTO pair_ratings (id, experiment_id, rated_by, outcome, shown_at, answered_at, workstation_id, details_shown)
     SELECT 'rat_' || id, id, 'rater-' || (n % 7), CASE WHEN a > b THEN 'A' WHEN a < b THEN 'B' ELSE 'tie' END, at, at + interval '4 second', 'bench', false FROM bench_pairs`,
  `INSERT INTO enhancement_ratings (rating_id, option_label, option_id, rating, comment)
     SELECT 'rat_' || id, l.label, 'opt_' || id || '_' || l.label, CASE WHEN l.label = 'A' THEN a ELSE b END, 'bench' FROM bench_pairs, (VALUES ('A'), ('B')) AS l (label)`,
];

/** In the child: one export from the server, then its figures on stdout. */
export async function runServerChild(format: ExportFormat, config: SyncConfig, out: string, dataDir: string): Promise<void> {
  const started = process.hrtime.bigint();
  const prompts = promptLookup(join(repoRoot, 'prompts'), dataDir);
  const summary = await runExport({ format, out }, { dataDir, prompts, source: serverExportSource({ config, excludedRaters: [], prompts }) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const pairs = Object.values(summary.pairs).reduce((a, b) => a + (b ?? 0), 0);
  console.log(JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, pairs, files: summary.files, bytes: summary.bytes }));
}

// Asynchronous: s3rver answers from this process's event loop, which a synchronous spawn would block.
function child(env: NodeJS.ProcessEnv): Promise<BenchFigures> {
  return new Promise((resolve, reject) => {
    const run = spawn(process.execPath, [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(repoRoot, 'bench', 'export.ts')], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    run.stdout.on('data', (chunk) => (stdout += chunk));
    run.stderr.on('data', (chunk) => (stderr += chunk));
    run.on('close', (status) => {
      if (status !== 0) reject(new Error(`server export failed: ${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as BenchFigures);
    });
  });
}

/** Seeds PostgreSQL and S3 with `pairs` rated pairs and exports each format from them. */
export async function benchServer(pairs: number, formats: readonly ExportFormat[], root: string): Promise<Map<ExportFormat, BenchFigures>> {
  const pg = await startPostgres();
  const s3 = await startS3();
  try {
    const started = Date.now();
    const database = await pg.createDatabase();
    const bucket = await s3.createBucket();
    const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const outputs: Picture[] = [];
    for (let i = 0; i < OUTPUTS; i += 1) outputs.push(await noiseJpeg(1 + i, 420));
    const sources: Picture[] = [];
    for (let i = 0; i < SOURCES; i += 1) sources.push(await noiseJpeg(10_000 + i, 16));
    for (const o of outputs) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: imageKey(o.sha256, 'image/jpeg'), Body: o.bytes, ContentType: 'image/jpeg' }));
    }
    client.destroy();
    const all = [...outputs, ...sources];
    const [raters, images, scores, experiments, options, ratings, perOption] = SEED_SQL;
    await pg.query(database, raters!);
    await pg.query(database, images!, [all.map((p) => p.sha256), all.map((p) => p.side), all.map((p) => p.bytes.length), all.map((p, i) => (i < OUTPUTS ? null : `render ${i}`))]);
    // One session for the temporary table.
    await pg.query(database, `BEGIN; ${[scores, experiments, options, ratings, perOption].map((sql, i) => sql!.replaceAll('$1::int', String(pairs)).replaceAll('$1::text[]', `ARRAY[${(i === 1 ? sources : outputs).map((p) => `'${p.sha256}'`).join(',')}]::text[]`)).join('; ')}; COMMIT`);
    console.error(`seeded ${pairs} rated pairs on PostgreSQL + S3 in ${((Date.now() - started) / 1000).toFixed(0)} s (output images ${(outputs.reduce((s, o) => s + o.bytes.length, 0) / OUTPUTS / 1024).toFixed(0)} KB each)`);
    const admin = await pg.createLogin('latina_admin');
    const config: SyncConfig = { postgres: { connectionString: pg.url(database, admin.user, admin.password), statementTimeoutMs: 600_000 }, s3: s3.config(bucket) };
    const figures = new Map<ExportFormat, BenchFigures>();
    for (const format of formats) {
      const out = join(root, `out-server-${format}`);
      figures.set(format, await child({ BENCH_EXPORT_SERVER_CHILD: JSON.stringify([format, config, out, root]) }));
      rmSync(out, { recursive: true, force: true });
    }
    return figures;
  } finally {
    await s3.close();
    await pg.close();
  }
}
