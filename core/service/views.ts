import { ApiError, type ExperimentView, type ImageRef } from '../api';
import type { ExperimentRecord, Store } from '../store';

export function imageRef(store: Store, sha256: string | null): ImageRef | null {
  if (!sha256) return null;
  const image = store.images.get(sha256);
  return image ? { sha256: image.sha256, width: image.width, height: image.height, mime: image.mime } : null;
}

/** The experiment as the contract shows it (the seed's `/api/enhance/train` response, by sha). */
export function experimentView(store: Store, record: ExperimentRecord): ExperimentView {
  const source = store.images.source(record.source_sha256);
  if (!source) throw new ApiError('not_found', `The source image of ${record.id} is missing from this workstation.`);
  return {
    experiment_id: record.id,
    mode: record.mode,
    status: record.status,
    created_at: record.created_at,
    error: record.error,
    source: { sha256: source.sha256, width: source.width, height: source.height, mime: source.mime, name: source.name },
    options: record.options.map((option) => ({
      option: option.label,
      option_id: option.id,
      provider: option.provider,
      parameters: option.parameters,
      prompt_version: option.prompt_version,
      status: option.output_sha256 ? 'ready' : option.error ? 'failed' : 'pending',
      image: imageRef(store, option.output_sha256),
      error: option.error,
      metadata: { latency_ms: option.latency_ms, cost_usd: option.cost_usd, seed: option.seed, origin: option.origin },
      predicted_rating: option.predicted_rating,
    })),
  };
}
