// `npm run bench:prompts`: how the current prompt's rating moves over 100 samples with the offline
// evolver, on the real service (SQLite, the local enhancer generating every option, the queue's
// paired tests, the decision rule) and a simulated trainer whose taste depends on prompt phrases.
//  - Taste: 3.0 plus the weights of the phrases in the option's prompt (TASTE below: the trainer
//    likes ambient occlusion, soft daylight, depth of field…, dislikes "8k" and "ultra-realistic"),
//    plus a per-pair N(0, 0.4²) shared by both options and N(0, 0.5²) per option; the rating is
//    that, rounded and clamped to 1..5; the side with the higher rating wins, equal is a tie.
//    Options rated 2 or less get the comment "looks flat, no depth".
//  - The admin's review is replaced by the auto-adoption setting, so winners become current.
//  - Per block of 10 samples: the current version at the block's end, the mean rating of the
//    block's options generated with the version current at that time, and the trainer's expected
//    (noise-free) rating of the current prompt. Seeds: BENCH_SEEDS of them (default 5) from BENCH_FIRST_SEED (default 1).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { mixSeed, mulberry32 } from '../core/optimizer';
import { splitPhrases } from '../core/prompts';
import { createMemorySecretStore, createService } from '../core/service';
import { addShownPairFigures, shownPairFigures, shownPairRows, type ShownPair } from './shown-pairs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SAMPLES = 100;
const SEEDS = Number(process.env.BENCH_SEEDS ?? 5);
const FIRST_SEED = Number(process.env.BENCH_FIRST_SEED ?? 1);
const TASTE: Record<string, number> = {
  'ambient occlusion': 0.7,
  'soft daylight': 0.5,
  'depth of field': 0.4,
  'contact shadows': 0.4,
  'raw photo': 0.3,
  'natural light falloff': 0.3,
  '8k': -0.6,
  'ultra-realistic': -0.4,
  'global illumination': -0.2,
};

const taste = (prompt: string) => 3 + splitPhrases(prompt.toLowerCase()).reduce((sum, p) => sum + (TASTE[p] ?? 0), 0);
const clamp = (x: number) => Math.min(5, Math.max(1, Math.round(x)));

interface Block {
  samples: string;
  version: string;
  mean: number | null;
  expected: number;
}

async function run(seed: number): Promise<{ blocks: Block[]; evolutions: number; tests: number; adopted: string[]; pairs: number; testPairs: number; noEffect: number; shown: Awaited<ReturnType<typeof shownPairFigures>> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'latina-bench-prompts-'));
  const service = await createService({
    dataDir,
    promptsDir: join(root, 'prompts'),
    samplesDir: join(root, 'resources', 'samples'),
    version: 'bench',
    seed,
    log: process.env.BENCH_LOG ? (m: string) => console.error(m) : () => {},
    secrets: createMemorySecretStore(),
  });
  const random = mulberry32(mixSeed(seed, 0xbe7c));
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const prompts = new Map<string, string>();
  const promptOf = async (version: string) => {
    if (!prompts.has(version)) prompts.set(version, (await service.call('prompts.get', { version })).leonardo.prompt);
    return prompts.get(version)!;
  };
  try {
    // The simulated trainer is the workstation's admin; gold and repeat pairs (rater quality) are off,
    // so every sample is one the evolution can learn from.
    await service.call('session.setAdminPassphrase', { passphrase: 'bench admin passphrase' });
    await service.call('settings.update', { prefetch: 1, prompt_auto_adopt: true, rater_id: 'simulated trainer', gold_pair_rate: 0, repeat_pair_rate: 0 });
    const blocks: Block[] = [];
    let block: number[] = [];
    let samples = 0;
    let pairs = 0;
    let testPairs = 0;
    const shown: ShownPair[] = [];
    while (samples < SAMPLES) {
      // On a machine shared with other work a pair can take long: three waits of 2 minutes.
      let experiment = null;
      for (let wait = 0; wait < 3 && !experiment; wait++) experiment = (await service.call('queue.next', { wait_ms: 120_000 })).experiment;
      if (!experiment) throw new Error('no pair was generated in 6 minutes');
      const current = (await service.call('prompts.list', {})).current_version;
      pairs++;
      if (experiment.options[0]!.metadata.origin === 'prompt-test') testPairs++;
      const [oa, ob] = experiment.options.map((o) => o.image!.sha256) as [string, string];
      const [fa, fb] = await Promise.all([service.imageFile(oa), service.imageFile(ob)]);
      shown.push({ sha256: [oa, ob], files: [fa!.path, fb!.path] });
      const shared = 0.4 * gauss();
      const ratings: number[] = [];
      for (const option of experiment.options) {
        ratings.push(clamp(taste(await promptOf(option.prompt_version)) + shared + 0.5 * gauss()));
      }
      const [a, b] = ratings as [number, number];
      await service.call('train.rate', {
        experiment_id: experiment.experiment_id,
        ratings: [
          { option: 'A', rating: a, comments: a <= 2 ? 'looks flat, no depth' : '' },
          { option: 'B', rating: b, comments: b <= 2 ? 'looks flat, no depth' : '' },
        ],
        outcome: a > b ? 'A' : b > a ? 'B' : 'tie',
        rated_by: 'simulated trainer',
      });
      experiment.options.forEach((o, i) => o.prompt_version === current && block.push(ratings[i]!));
      samples += 2;
      if (samples % 10 === 0) {
        // Let a background evolution finish before the next block, as a trainer's pace would.
        while ((await service.call('prompts.list', {})).running) await new Promise((r) => setTimeout(r, 20));
        const now = (await service.call('prompts.list', {})).current_version;
        blocks.push({
          samples: `${samples - 9}–${samples}`,
          version: now,
          mean: block.length ? block.reduce((x, y) => x + y, 0) / block.length : null,
          expected: taste(await promptOf(now)),
        });
        block = [];
      }
    }
    const overview = await service.call('prompts.list', {});
    const candidates = overview.evolutions.flatMap((e) => e.candidates);
    const tests = candidates.filter((c) => c.test?.decision).length;
    const noEffect = candidates.filter((c) => c.status === 'no_visible_effect').length;
    const adopted = overview.decisions.filter((d) => d.action === 'auto_adopt').map((d) => d.version).reverse();
    return { blocks, evolutions: overview.evolutions.length, tests, adopted, pairs, testPairs, noEffect, shown: await shownPairFigures(shown) };
  } finally {
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const started = performance.now();
const runs: Awaited<ReturnType<typeof run>>[] = [];
for (let seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) runs.push(await run(seed));

console.log(`\nCurrent prompt over ${SAMPLES} samples, offline evolver, simulated phrase-taste trainer (${SEEDS} seeds)\n`);
const header = ['samples', ...runs.flatMap((_, i) => [`s${i + 1} version`, `s${i + 1} mean`, `s${i + 1} expected`])];
const rows = runs[0]!.blocks.map((_, b) =>
  [runs[0]!.blocks[b]!.samples, ...runs.flatMap((r) => [r.blocks[b]!.version, r.blocks[b]!.mean?.toFixed(2) ?? '—', r.blocks[b]!.expected.toFixed(2)])],
);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
console.log('');
runs.forEach((r, i) =>
  console.log(`seed ${FIRST_SEED + i}: ${r.evolutions} evolutions, ${r.tests} paired tests decided, ${r.noEffect} candidates with no visible effect, adopted ${r.adopted.join(' → ') || 'nothing'}`),
);
const gain = runs.map((r) => r.blocks.at(-1)!.expected - r.blocks[0]!.expected);
const meanGain = gain.reduce((a, b) => a + b, 0) / gain.length;
const share = runs.reduce((a, r) => a + r.testPairs, 0) / runs.reduce((a, r) => a + r.pairs, 0);
console.log(`\nExpected rating of the current prompt, first block to last: ${gain.map((g) => (g >= 0 ? '+' : '') + g.toFixed(2)).join(', ')}; mean ${meanGain >= 0 ? '+' : ''}${meanGain.toFixed(2)} over ${SEEDS} seeds (target +1.00).`);
console.log(`Share of pairs that were paired-test pairs: ${(100 * share).toFixed(1)} %.`);
const shownTotals = addShownPairFigures(runs.map((r) => r.shown));
for (const [name, value] of shownPairRows(shownTotals)) console.log(`${name}: ${value}.`);
console.log(`\n"mean": ratings of the block's options made with the then-current version; "expected": the trainer's noise-free rating of the current prompt.`);
console.log(`Wall time ${((performance.now() - started) / 1000).toFixed(1)} s (generation of every option included).`);
