import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { monotonicFactory } from 'ulid';
import { createImageStore, type StoredImage } from '../../../core/images';
import { openStore, type Store } from '../../../core/store';
import { createSync, type Sync, type SyncConfig, type SyncOptions, type SyncStatus } from '../../../core/sync';

const nextUlid = monotonicFactory();
export const newId = (prefix: string) => `${prefix}_${nextUlid().toLowerCase()}`;

/** A tiny real render of one colour: same colour, same bytes, same sha256 on every workstation. */
export function render(index: number): Promise<Buffer> {
  const channel = (k: number) => (index * 67 + k * 101) % 256;
  return sharp({ create: { width: 8, height: 6, channels: 3, background: { r: channel(1), g: channel(2), b: channel(3) } } })
    .png()
    .toBuffer();
}

export interface Workstation {
  dataDir: string;
  store: Store;
  sync: Sync;
  /** A pair ready to rate, made through the real store API with real images; or a failed one. Both options use `promptVersion` (v1.0.0 by default). */
  pair(failure?: string | null, promptVersion?: string): Promise<string>;
  /** Rates a fresh pair and returns the rating id. */
  rateNew(rater: string): Promise<string>;
  rate(experimentId: string, rater: string): string;
  /** A prompt version made here from the bundled v1.0.0 with `phrase` added; returns its sha256. */
  makeVersion(version: string, phrase: string): string;
  /** The version current.json names, or null when it was never written. */
  currentVersion(): string | null;
  /**
   * Resolves with the first status (now, or one the sync reports afterwards) that `check` accepts:
   * the test waits on the sync's own reports, never on the wall clock.
   */
  whenStatus(check: (status: SyncStatus) => boolean): Promise<SyncStatus>;
  /** The effective ratings, comparable across workstations. */
  ratings(): { id: string; experiment_id: string; rated_by: string; outcome: string; rating_a: number; rating_b: number; comment_a: string; comment_b: string }[];
  close(): Promise<void>;
}

let pairs = 0;

/** One trainer's desktop: its own data folder, SQLite store, image store and sync. */
export async function createWorkstation(dataDir: string, config: SyncConfig, extra: Partial<SyncOptions> = {}): Promise<Workstation> {
  mkdirSync(dataDir, { recursive: true });
  const store = openStore(join(dataDir, 'latina.sqlite'));
  const images = createImageStore({ dataDir });
  const sync = createSync({ store, dataDir, images, config, log: () => {}, ...extra });
  const stored = new Map<number, StoredImage>();
  const image = async (index: number) => {
    if (!stored.has(index)) stored.set(index, await images.ingest(await render(index)));
    return stored.get(index)!;
  };

  async function pair(failure: string | null = null, promptVersion = 'v1.0.0'): Promise<string> {
    const n = pairs++;
    const source = await image(n % 2);
    const outputs = [await image(2 + (n % 4)), await image(2 + ((n + 1) % 4))];
    store.images.recordSource(source, `room-${n % 2}.png`);
    for (const output of outputs) store.images.record(output);
    const id = newId('exp');
    const experiment = store.experiments.create({
      id,
      source_sha256: source.sha256,
      mode: n % 3 === 0 ? 'surfaces' : 'structure',
      priority: 0,
      options: (['A', 'B'] as const).map((label, i) => ({
        id: newId('opt'),
        label,
        provider: 'local' as const,
        parameters: { api: 'local' as const, init_strength: 0.1 + ((n + i) % 5) / 10, guidance_scale: 5 + (n % 7), controlnet_weight: 0.9 },
        origin: 'test',
        prompt_version: promptVersion,
        seed: n * 2 + i,
      })),
    });
    if (!failure) {
      experiment.options.forEach((option, i) =>
        store.experiments.setOptionOutput(option.id, { output_sha256: outputs[i]!.sha256, latency_ms: 12, cost_usd: 0, details: { n } }),
      );
    }
    store.experiments.finishGeneration(id, failure);
    return id;
  }

  function rate(experimentId: string, rater: string): string {
    const id = newId('rat');
    const n = pairs;
    store.ratings.rate({
      id,
      experiment_id: experimentId,
      rated_by: rater,
      outcome: (['A', 'B', 'tie', 'both_bad'] as const)[n % 4]!,
      rating_a: 1 + (n % 5),
      comment_a: n % 2 ? 'flat light' : '',
      rating_b: 1 + ((n + 2) % 5),
      comment_b: 'good depth',
      shown_at: new Date(Date.now() - 4000).toISOString(),
      // Now and then the trainer had the pair's details on screen.
      details_shown: n % 3 === 0 ? 1 : 0,
      answered_at: new Date().toISOString(),
    });
    return id;
  }

  function makeVersion(version: string, phrase: string): string {
    const base = JSON.parse(readFileSync(new URL('../../../prompts/versions/v1.0.0.json', import.meta.url), 'utf8'));
    const content = { ...base, version, parent_version: 'v1.0.0', created_at: '2026-02-01T09:00:00Z', created_by: 'evolver' };
    content.leonardo = { ...base.leonardo, prompt: `${base.leonardo.prompt}, ${phrase}` };
    const text = `${JSON.stringify(content, null, 2)}\n`;
    const versionsDir = join(dataDir, 'prompts', 'versions');
    mkdirSync(versionsDir, { recursive: true });
    writeFileSync(join(versionsDir, `${version}.json`), text);
    const sha256 = createHash('sha256').update(text).digest('hex');
    store.prompts.upsert({ version, origin: 'local', file: `${version}.json`, parent_version: 'v1.0.0', created_at: content.created_at, created_by: 'evolver', sha256 });
    return sha256;
  }

  function currentVersion(): string | null {
    try {
      return (JSON.parse(readFileSync(join(dataDir, 'prompts', 'versions', 'current.json'), 'utf8')) as { version: string }).version;
    } catch {
      return null;
    }
  }

  return {
    dataDir,
    store,
    sync,
    pair,
    rate,
    makeVersion,
    currentVersion,
    async rateNew(rater) {
      return rate(await pair(), rater);
    },
    whenStatus(check) {
      return new Promise((resolve) => {
        const stop = sync.onStatus((status) => {
          if (!check(status)) return;
          stop();
          resolve(status);
        });
        const current = sync.status();
        if (check(current)) {
          stop();
          resolve(current);
        }
      });
    },
    ratings: () =>
      store.forTests()
        .prepare('SELECT id, experiment_id, rated_by, outcome, rating_a, rating_b, comment_a, comment_b FROM effective_ratings ORDER BY id')
        .all() as ReturnType<Workstation['ratings']>,
    async close() {
      await sync.stop();
      store.close();
    },
  };
}
