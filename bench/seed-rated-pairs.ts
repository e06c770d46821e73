// A data folder holding `pairs` rated pairs, written by direct inserts into the store's own schema
// (the migrations run as on any start): rating them one by one through the store would take hours
// at 100,000. The pairs are spread over both modes and five raters, one in 50 is a gold pair, the
// settings are random points of the space, and the ratings vary with them. They use the bundled
// sample renders as sources and have no output images, so the reward model does not train on them:
// what is measured is the work a new rating costs next to them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Outcome } from '../core/api';
import { createImageStore } from '../core/images';
import { mulberry32 } from '../core/optimizer';
import { openStore } from '../core/store';

const RATERS = ['ana@studio', 'bo@studio', 'cy@studio', 'di@studio', 'ed@studio'];
const GOLD_EVERY = 50;

interface SampleEntry {
  id: string;
  name: string;
  file: string;
}

export async function seedRatedPairs(dataDir: string, samplesDir: string, pairs: number, seed = 7): Promise<void> {
  // Long ago, so "today" and "the last hour" on the rating screen hold only the benchmark's own ratings.
  let clock = Date.UTC(2025, 0, 1);
  const at = () => new Date((clock += 1000)).toISOString();
  const store = openStore(join(dataDir, 'latina.sqlite'), { now: at });
  const images = createImageStore({ dataDir });
  const sources: string[] = [];
  for (const entry of JSON.parse(readFileSync(join(samplesDir, 'samples.json'), 'utf8')) as SampleEntry[]) {
    const image = await images.ingest(readFileSync(join(samplesDir, entry.file)));
    store.images.recordSource(image, entry.name, entry.id);
    sources.push(image.sha256);
  }
  const db = store.forTests();
  const experiment = db.prepare(
    `INSERT INTO experiments (id, source_sha256, mode, status, priority, created_at, ready_at) VALUES (?, ?, ?, 'rated', 0, ?, ?)`,
  );
  const option = db.prepare(
    `INSERT INTO options (id, experiment_id, label, provider, parameters_json, origin, prompt_version, seed) VALUES (?, ?, ?, 'local', ?, 'bench', 'v1.0.0', ?)`,
  );
  const rating = db.prepare(
    `INSERT INTO ratings (id, experiment_id, kind, rated_by, outcome, rating_a, comment_a, rating_b, comment_b, shown_at, answered_at, details_shown)
     VALUES (?, ?, 'rating', ?, ?, ?, '', ?, '', ?, ?, 0)`,
  );
  const gold = db.prepare(
    `INSERT INTO quality_pairs (experiment_id, kind, broken_label, defect, created_at) VALUES (?, 'gold', ?, 'blur', ?)`,
  );
  const random = mulberry32(seed);
  const point = () => ({ api: 'local', init_strength: 0.1 + 0.4 * random(), guidance_scale: 5 + 7 * random(), controlnet_weight: 0.7 + 0.29 * random() });
  // A smooth quality over the space plus a rater's noise, so the model has something to learn.
  const ratingOf = (p: ReturnType<typeof point>) => Math.min(5, Math.max(1, Math.round(1 + 4 * (1 - Math.abs(p.init_strength - 0.3) * 3) + (random() - 0.5) * 2)));
  const write = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const id = `exp_seed${String(n).padStart(7, '0')}`;
      const created = at();
      experiment.run(id, sources[n % sources.length], n % 2 === 0 ? 'structure' : 'surfaces', created, created);
      const [pa, pb] = [point(), point()];
      option.run(`opt_${id}_A`, id, 'A', JSON.stringify(pa), 2 * n);
      option.run(`opt_${id}_B`, id, 'B', JSON.stringify(pb), 2 * n + 1);
      const rater = RATERS[n % RATERS.length]!;
      const isGold = n % GOLD_EVERY === 0;
      if (isGold) gold.run(id, 'B', created);
      const a = isGold ? 4 : ratingOf(pa);
      const b = isGold ? (random() < 0.9 ? 1 : 4) : ratingOf(pb);
      const outcome: Outcome = a > b ? 'A' : a < b ? 'B' : 'tie';
      const shown = at();
      rating.run(`rat_${id}`, id, rater, outcome, a, b, shown, new Date((clock += 4000)).toISOString());
    }
  });
  for (let from = 0; from < pairs; from += 10_000) write(from, Math.min(pairs, from + 10_000));
  store.close();
}
