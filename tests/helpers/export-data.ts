import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Outcome } from '../../core/api';
import { createImageStore, type StoredImage } from '../../core/images';
import { openStore, type Store } from '../../core/store';

export interface PairSpec {
  source: number;
  ratingA: number;
  ratingB: number;
  outcome: Outcome;
  rater?: string;
  /** Image numbers for A and B: the same number is the same picture. */
  images?: [number, number];
  provider?: 'local' | 'stablediffusion';
  promptVersion?: string;
}

/**
 * A data folder as the app leaves it: real images in the content-addressed store (JPEG, and PNG for
 * odd image numbers, as the store keeps both) and pairs rated through the store's own API.
 */
export async function makeDataFolder(dataDir: string, now: () => string) {
  mkdirSync(dataDir, { recursive: true });
  const store = openStore(join(dataDir, 'latina.sqlite'), { now });
  const images = createImageStore({ dataDir });
  const cache = new Map<string, StoredImage>();

  async function image(kind: 'source' | 'output', n: number): Promise<StoredImage> {
    const key = `${kind}${n}`;
    const known = cache.get(key);
    if (known) return known;
    const raw = sharp({ create: { width: 24, height: 16, channels: 3, background: { r: (n * 37) % 256, g: kind === 'source' ? 10 : 200, b: (n * 91) % 256 } } });
    const bytes = await (kind === 'output' && n % 2 === 1 ? raw.png() : raw.jpeg()).toBuffer();
    const stored = await images.ingest(bytes);
    cache.set(key, stored);
    return stored;
  }

  let count = 0;
  async function ratedPair(spec: PairSpec): Promise<{ experimentId: string; ratingId: string; shas: [string, string] }> {
    const id = `exp_${String(++count).padStart(4, '0')}`;
    const source = await image('source', spec.source);
    store.images.recordSource(source, `render ${spec.source}`);
    const [na, nb] = spec.images ?? [2 * count, 2 * count + 1];
    const outputs = [await image('output', na), await image('output', nb)] as const;
    const provider = spec.provider ?? 'local';
    store.experiments.create({
      id,
      source_sha256: source.sha256,
      mode: 'structure',
      priority: 0,
      options: (['A', 'B'] as const).map((label, i) => ({
        id: `opt_${id}_${label}`,
        label,
        provider,
        parameters:
          provider === 'local'
            ? { api: 'local' as const, init_strength: 0.2 + i / 10, guidance_scale: 7, controlnet_weight: 0.9 }
            : { api: 'stablediffusion' as const, strength: 0.3, guidance_scale: 7.5, controlnet_conditioning_scale: 0.9 },
        origin: 'test',
        prompt_version: spec.promptVersion ?? 'v1.0.0',
        seed: 100 + i,
      })),
    });
    outputs.forEach((o, i) => {
      store.images.record(o);
      store.experiments.setOptionOutput(`opt_${id}_${i === 0 ? 'A' : 'B'}`, { output_sha256: o.sha256, latency_ms: 1, cost_usd: 0, details: {} });
    });
    store.experiments.finishGeneration(id, null);
    const ratingId = `rat_${id}`;
    store.ratings.rate({
      id: ratingId,
      experiment_id: id,
      rated_by: spec.rater ?? 'ana@studio',
      outcome: spec.outcome,
      rating_a: spec.ratingA,
      comment_a: `a of ${id}, "quoted", with comma`,
      rating_b: spec.ratingB,
      comment_b: 'line\nbreak',
      shown_at: null,
      details_shown: 0,
      answered_at: now(),
    });
    return { experimentId: id, ratingId, shas: [outputs[0].sha256, outputs[1].sha256] };
  }

  return { store, images, ratedPair, image };
}
export type DataFolder = Awaited<ReturnType<typeof makeDataFolder>>;
export type { Store };
