import type { Store } from '../../core/store';

export const fakeSha = (c: string) => c.repeat(64);

/** A generated pair ready to rate, made with the real store API (no images on disk needed). */
export function readyPair(store: Store, id: string, source = fakeSha('a')): void {
  store.images.recordSource({ sha256: source, mime: 'image/png', width: 8, height: 6, bytes: 100 }, 'room');
  store.experiments.create({
    id,
    source_sha256: source,
    mode: 'structure',
    priority: 0,
    options: (['A', 'B'] as const).map((label, i) => ({
      id: `opt_${id}_${label}`,
      label,
      provider: 'local' as const,
      parameters: { api: 'local' as const, init_strength: 0.2 + i / 10, guidance_scale: 7, controlnet_weight: 0.9 },
      origin: 'test',
      prompt_version: 'v1.0.0',
      seed: i,
    })),
  });
  store.experiments.finishGeneration(id, null);
}
