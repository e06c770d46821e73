// `npm run bench:distinct`: calibrates the queue's "cannot be told apart" threshold on the app's
// own images (core/queue/README.md, "Pairs that cannot be told apart"). For each bundled sample
// render and BENCH_POINTS points spread over the local enhancer's parameter range (seeded), with
// the current prompt version:
//  - re-encoded: the output against itself re-encoded as JPEG q75 (the same picture: must be below);
//  - other seed: same parameters and prompt, another seed (grain, texture and warp patterns move);
//  - phrase: the prompt with one phrase of the offline evolver's vocabulary added (the evolver's
//    candidates and the paired tests' outputs: same parameters and seed, only the prompt differs);
//  - optimizer pair: this point against the next one, each with its own seed (a Phase 1 pair).
// It prints the distance quantiles of each kind, the share below the threshold, and the cost of a
// comparison (decode and thumbnails of two images, then the comparison).
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createLocalProvider } from '../core/generation';
import { compareThumbprints, imageDistance, thumbprint } from '../core/images';
import { mixSeed, mulberry32 } from '../core/optimizer';
import { INDISTINCT_BELOW } from '../core/queue';

const root = fileURLToPath(new URL('..', import.meta.url));
const POINTS = Number(process.env.BENCH_POINTS ?? 4);
const PHRASES = Number(process.env.BENCH_PHRASES ?? 6);
const samplesDir = join(root, 'resources', 'samples');
const samples = (JSON.parse(readFileSync(join(samplesDir, 'samples.json'), 'utf8')) as { file: string }[]).map((s) => join(samplesDir, s.file));
const version = JSON.parse(readFileSync(join(root, 'prompts', 'versions', 'v1.0.0.json'), 'utf8')) as { version: string; leonardo: { prompt: string; negative_prompt: string } };
const vocabulary = JSON.parse(readFileSync(join(root, 'prompts', 'photorealism-vocabulary.json'), 'utf8')) as { prompt: string[] };

const provider = createLocalProvider();
const random = mulberry32(0xd157);
const between = (lo: number, hi: number) => lo + (hi - lo) * random();
const points = Array.from({ length: POINTS }, () => ({
  api: 'local' as const,
  init_strength: between(0.1, 0.5),
  guidance_scale: between(5, 12),
  controlnet_weight: between(0.7, 0.99),
}));
const phrases = [...vocabulary.prompt].sort(() => random() - 0.5).slice(0, PHRASES);

const generate = async (sourcePath: string, parameters: (typeof points)[number], prompt: string, seed: number) =>
  (await provider.generate({ sourcePath, sourceSha256: '', parameters, prompt: { version: version.version, prompt, negative_prompt: version.leonardo.negative_prompt }, seed })).bytes;

type Kind = 're-encoded' | 'other seed' | 'phrase' | 'phrase, bytes differ' | 'optimizer pair';
const distances: Record<Kind, number[]> = { 're-encoded': [], 'other seed': [], phrase: [], 'phrase, bytes differ': [], 'optimizer pair': [] };
// Which term decided (the larger of colour and detail), per kind.
const detailDecided: Record<Kind, number> = { 're-encoded': 0, 'other seed': 0, phrase: 0, 'phrase, bytes differ': 0, 'optimizer pair': 0 };
const identical: Record<Kind, number> = { 're-encoded': 0, 'other seed': 0, phrase: 0, 'phrase, bytes differ': 0, 'optimizer pair': 0 };
const timings: number[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'latina-bench-distinct-'));

async function measure(kind: Kind, a: Buffer, b: Buffer): Promise<void> {
  if (a.equals(b)) identical[kind]++;
  const fa = join(tmp, 'a.jpg');
  const fb = join(tmp, 'b.jpg');
  writeFileSync(fa, a);
  writeFileSync(fb, b);
  const started = performance.now();
  const d = await imageDistance(fa, fb);
  timings.push(performance.now() - started);
  const kinds: Kind[] = kind === 'phrase' && !a.equals(b) ? [kind, 'phrase, bytes differ'] : [kind];
  for (const k of kinds) {
    distances[k].push(d.distance);
    if (d.distance > 0 && d.detail >= d.colour) detailDecided[k]++;
  }
}

const started = performance.now();
try {
  for (const [s, sample] of samples.entries()) {
    const outputs: Buffer[] = [];
    for (const [p, point] of points.entries()) {
      const seed = mixSeed(s, p);
      const base = await generate(sample, point, version.leonardo.prompt, seed);
      outputs.push(base);
      await measure('re-encoded', base, await sharp(base).jpeg({ quality: 75 }).toBuffer());
      await measure('other seed', base, await generate(sample, point, version.leonardo.prompt, mixSeed(seed, 1)));
      for (const phrase of phrases) await measure('phrase', base, await generate(sample, point, `${version.leonardo.prompt}, ${phrase}`, seed));
    }
    for (let p = 0; p + 1 < outputs.length; p++) await measure('optimizer pair', outputs[p]!, outputs[p + 1]!);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const rows = (Object.keys(distances) as Kind[]).map((kind) => {
  const sorted = [...distances[kind]].sort((a, b) => a - b);
  const below = sorted.filter((d) => d < INDISTINCT_BELOW).length;
  return [
    kind,
    String(sorted.length),
    String(identical[kind]),
    ...[0, 0.1, 0.25, 0.5, 0.9, 1].map((q) => quantile(sorted, q).toFixed(2)),
    `${((100 * below) / sorted.length).toFixed(0)} %`,
    `${((100 * detailDecided[kind]) / sorted.length).toFixed(0)} %`,
  ];
});
const header = ['kind', 'pairs', 'identical bytes', 'min', 'p10', 'p25', 'median', 'p90', 'max', `below ${INDISTINCT_BELOW}`, 'detail term decides'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`\nbench:distinct — distance (8-bit levels) between the local enhancer's outputs: ${samples.length} samples × ${POINTS} parameter points, ${PHRASES} phrases\n`);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));

// The comparison itself, apart from decoding: the queue decodes both outputs once per check.
const [ta, tb] = await Promise.all([thumbprint(await generate(samples[0]!, points[0]!, version.leonardo.prompt, 1)), thumbprint(await generate(samples[0]!, points[0]!, version.leonardo.prompt, 2))]);
const compareStarted = performance.now();
for (let i = 0; i < 100; i++) compareThumbprints(ta, tb);
const compareMs = (performance.now() - compareStarted) / 100;
const sortedTimes = timings.sort((a, b) => a - b);
console.log(`\nOne check (decode two ${'1024×768'} JPEGs, thumbnails, compare): median ${quantile(sortedTimes, 0.5).toFixed(1)} ms, p95 ${quantile(sortedTimes, 0.95).toFixed(1)} ms; the comparison alone ${compareMs.toFixed(2)} ms.`);
console.log(`Phrases: ${phrases.join(', ')}.`);
console.log(`Wall time ${((performance.now() - started) / 1000).toFixed(1)} s.`);
