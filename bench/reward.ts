// `npm run bench:reward`: the reward model's costs and accuracy on a generated data set.
//  - Data: the bundled sample renders (1024×768) enhanced by the local provider with seeded random
//    parameters from the seed's ranges: `--images N` (default 1000) images, in pairs on the same render.
//  - Simulated trainer: its taste depends on image properties measured by sharp's own statistics,
//    not by the features under test: it likes a mid exposure (luma mean near 0.5), detail (sharp's
//    Laplacian-based sharpness near the dataset's 75th percentile) and moderate colour (channel
//    spread). Latent taste → rating = round(1 + 4 · rank-scaled taste + N(0, 0.4²)), clamped to 1..5;
//    the pair's outcome compares the two latent tastes plus N(0, 0.05²) noise (a tie within 0.02).
//  - Accuracy: held-out pairs (20%, never seen by any head) against a baseline that always predicts
//    the training mean. Training: 5 bootstrap heads, batch 16, early stopping after 10 epochs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { createLocalProvider } from '../core/generation';
import { mixSeed, mulberry32 } from '../core/optimizer';
import { createPromptValidator, loadPromptLibrary, promptTextFor } from '../core/prompts';
import {
  classicalFeatures,
  decodeForFeatures,
  DEFAULT_ENSEMBLE_OPTIONS,
  openModelFile,
  predictEnsemble,
  trainEnsemble,
  writeModelFile,
  type RewardMetrics,
  type RewardSample,
} from '../core/reward';
import { ensembleToOnnx } from '../core/reward/math/onnx-head';
import { tempDir } from '../tests/helpers/temp';

const IMAGES = Number(process.argv[process.argv.indexOf('--images') + 1] ?? 1000) || 1000;
const root = join(import.meta.dirname, '..');
const samples = (JSON.parse(readFileSync(join(root, 'resources/samples/samples.json'), 'utf8')) as { file: string }[]).map((s) => join(root, 'resources/samples', s.file));
const library = loadPromptLibrary(join(root, 'prompts/versions'), join(root, 'prompts/versions'), createPromptValidator(join(root, 'prompts/schema.json')));
const prompt = promptTextFor(library.versions.get(library.current)!.version, 'local');
const provider = createLocalProvider();
const random = mulberry32(2026);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const uniform = (min: number, max: number) => min + (max - min) * random();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (start: number) => performance.now() - start;

interface Generated {
  experiment: string;
  label: 'A' | 'B';
  bytes: Buffer;
  luma: number;
  sharpness: number;
  spread: number;
}

async function generate(): Promise<Generated[]> {
  const images: Generated[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const { bytes } = await provider.generate({
      sourcePath: samples[Math.floor(i / 2) % samples.length]!,
      sourceSha256: 'bench',
      parameters: { api: 'local', init_strength: uniform(0.1, 0.5), guidance_scale: uniform(5, 12), controlnet_weight: uniform(0.7, 0.99) },
      prompt,
      seed: mixSeed(7, i),
    });
    const stats = await sharp(bytes).stats();
    const [r, g, b] = stats.channels;
    images.push({
      experiment: `exp_${i >> 1}`,
      label: i % 2 ? 'B' : 'A',
      bytes,
      luma: (0.2126 * r!.mean + 0.7152 * g!.mean + 0.0722 * b!.mean) / 255,
      sharpness: stats.sharpness,
      spread: (Math.abs(r!.mean - g!.mean) + Math.abs(g!.mean - b!.mean) + Math.abs(b!.mean - r!.mean)) / 255,
    });
  }
  return images;
}

/** The simulated trainer's latent taste, then its integer ratings and pair outcomes. */
function rate(images: Generated[]) {
  const sharpTarget = [...images.map((x) => x.sharpness)].sort((a, b) => a - b)[Math.floor(images.length * 0.75)]!;
  const taste = images.map((x) => -3 * Math.abs(x.luma - 0.5) - 1.5 * Math.abs(Math.log(x.sharpness / sharpTarget)) - 2 * Math.abs(x.spread - 0.08));
  const order = taste.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0]);
  const scaled = new Array<number>(taste.length);
  order.forEach(([, i], rank) => (scaled[i] = rank / (order.length - 1)));
  const ratings = scaled.map((s) => Math.min(5, Math.max(1, Math.round(1 + 4 * s + 0.4 * normal()))));
  const outcomes = new Map<string, RewardSample['outcome']>();
  for (let i = 0; i + 1 < images.length; i += 2) {
    const diff = scaled[i]! + 0.05 * normal() - (scaled[i + 1]! + 0.05 * normal());
    outcomes.set(images[i]!.experiment, Math.abs(diff) < 0.02 ? 'tie' : diff > 0 ? 'A' : 'B');
  }
  return { ratings, outcomes };
}

const f2 = (v: number | null) => (v === null ? '–' : v.toFixed(2));
const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
function metricsRow(name: string, m: RewardMetrics): string {
  return `| ${name.padEnd(34)} | ${f2(m.mae).padStart(5)} | ${pct(m.within_half).padStart(7)} | ${pct(m.pairwise_accuracy).padStart(8)} | ${f2(m.spearman).padStart(8)} |`;
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`Generating ${IMAGES} local-provider images (1024×768) on ${samples.length} sample renders…`);
  const images = await generate();

  // Feature extraction: decode + downscale (sharp) and the 204 classical features (JavaScript).
  const decodeMs: number[] = [];
  const featureMs: number[] = [];
  const vectors: Float32Array[] = [];
  for (const image of images) {
    let t = performance.now();
    const raster = await decodeForFeatures(image.bytes);
    decodeMs.push(ms(t));
    t = performance.now();
    vectors.push(classicalFeatures(raster));
    featureMs.push(ms(t));
  }

  const { ratings, outcomes } = rate(images);
  const data: RewardSample[] = images.map((image, i) => ({
    features: vectors[i]!,
    rating: ratings[i]!,
    experiment: image.experiment,
    label: image.label,
    outcome: outcomes.get(image.experiment) ?? 'tie',
  }));

  const runs: { name: string; lr: number; seconds: number; result: ReturnType<typeof trainEnsemble> }[] = [];
  for (const lr of [1e-4, 1e-3]) {
    const t = performance.now();
    const result = trainEnsemble(data, { ...DEFAULT_ENSEMBLE_OPTIONS, lr, seed: 11 });
    runs.push({ name: `ensemble, AdamW lr ${lr}`, lr, seconds: ms(t) / 1000, result });
  }

  // Inference through onnxruntime-node, as the app runs it.
  const dir = tempDir('latina-bench-');
  const best = runs.reduce((a, b) => ((b.result.metrics.pairwise_accuracy ?? 0) > (a.result.metrics.pairwise_accuracy ?? 0) ? b : a));
  const { file, sha256 } = writeModelFile(dir.path, 'bench', ensembleToOnnx(best.result.ensemble));
  const model = await openModelFile(dir.path, file, { sha256, features: vectors[0]!.length, heads: 5 });
  for (let i = 0; i < 20; i++) await model.predict([vectors[i]!]);
  const single: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await model.predict([vectors[i % vectors.length]!]);
    single.push(ms(t));
  }
  const batch = vectors.slice(0, 64);
  const batched: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await model.predict(batch);
    batched.push(ms(t) / batch.length);
  }
  const tsForward: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    predictEnsemble(best.result.ensemble, vectors[i % vectors.length]!);
    tsForward.push(ms(t));
  }
  await model.close();
  dir.remove();

  const counts = [1, 2, 3, 4, 5].map((r) => ratings.filter((x) => x === r).length);
  console.log(`\nData: ${images.length} images, ${images.length / 2} pairs; ratings 1–5: ${counts.join(' / ')}; held-out: ${best.result.split.holdout} images, ${best.result.metrics.decisive_pairs} decisive pairs\n`);
  console.log('| cost (median)                                  | ms     |');
  console.log('|------------------------------------------------|--------|');
  console.log(`| decode + downscale a 1024×768 PNG (sharp)      | ${median(decodeMs).toFixed(1).padStart(6)} |`);
  console.log(`| 204 classical features on the 256-px copy      | ${median(featureMs).toFixed(1).padStart(6)} |`);
  console.log(`| features per 1024×768 image, total             | ${(median(decodeMs) + median(featureMs)).toFixed(1).padStart(6)} |`);
  console.log(`| inference per image, onnxruntime, batch of 1   | ${median(single).toFixed(3).padStart(6)} |`);
  console.log(`| inference per image, onnxruntime, batch of 64  | ${median(batched).toFixed(3).padStart(6)} |`);
  console.log(`| TypeScript forward pass per image (reference)  | ${median(tsForward).toFixed(3).padStart(6)} |`);
  console.log('');
  console.log(`| ${`training on ${data.length} samples (5 heads)`.padEnd(36)} | seconds | epochs per head (best/run)                  |`);
  console.log('|--------------------------------------|---------|---------------------------------------------|');
  for (const run of runs) {
    const epochs = run.result.heads.map((h) => `${h.bestEpoch}/${h.epochs}`).join(', ');
    console.log(`| ${run.name.padEnd(36)} | ${run.seconds.toFixed(1).padStart(7)} | ${epochs.padEnd(43)} |`);
  }
  console.log('');
  console.log('| held-out accuracy                  |   MAE | ±0.5    | pairwise | Spearman |');
  console.log('|------------------------------------|-------|---------|----------|----------|');
  for (const run of runs) console.log(metricsRow(run.name, run.result.metrics));
  console.log(metricsRow('baseline: always the training mean', runs[0]!.result.baseline));
  console.log(`\nbench time ${(ms(started) / 1000).toFixed(0)} s`);
}

await main();
