import type { CachedFeatures } from '../store';
import type { ClipEncoder } from './clip';
import { UndecodableImageError } from './decode';
import { CLASSICAL_FEATURE_VERSION } from './math/features';
import type { RewardWorker } from './worker-host';

/** The SQLite cache of feature vectors (core/store's reward repository). */
export interface FeatureCache {
  features(sha256: string, extractor: string): CachedFeatures | undefined;
  saveFeatures(sha256: string, extractor: string, vector: Float32Array): void;
  saveFeatureError(sha256: string, extractor: string, message: string): void;
}

export interface FeatureSourceDeps {
  cache: FeatureCache;
  worker: RewardWorker;
  clip(): ClipEncoder | null;
  /** The image file of a stored image, or null when it is not on this workstation (yet). */
  imagePath(sha256: string): string | null;
}

const concat = (parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

/**
 * Feature vectors of stored images (computed once, then read from the cache) and of image bytes
 * that are not stored (the pre-filter's candidates). The CLIP embedding comes first when the
 * encoder is installed; the classical features are computed in the worker thread.
 */
export function createFeatureSource(deps: FeatureSourceDeps) {
  const featureSet = () => {
    const clip = deps.clip();
    return clip ? `${clip.featureSet}+${CLASSICAL_FEATURE_VERSION}` : CLASSICAL_FEATURE_VERSION;
  };

  async function cached(sha256: string, extractor: string, compute: (path: string) => Promise<Float32Array>): Promise<Float32Array | null> {
    const hit = deps.cache.features(sha256, extractor);
    if (hit) return 'vector' in hit ? hit.vector : null;
    const path = deps.imagePath(sha256);
    // Not here yet (pulled from another workstation): skipped now, measured once it arrives.
    if (!path) return null;
    try {
      const vector = await compute(path);
      deps.cache.saveFeatures(sha256, extractor, vector);
      return vector;
    } catch (error) {
      if (!(error instanceof UndecodableImageError)) throw error;
      deps.cache.saveFeatureError(sha256, extractor, error.message);
      return null;
    }
  }

  return {
    featureSet,
    /** Null for an image that is missing or cannot be decoded (remembered, so it is not retried). */
    async ofStored(sha256: string): Promise<Float32Array | null> {
      const label = `Image ${sha256.slice(0, 12)}`;
      const clip = deps.clip();
      const parts: Float32Array[] = [];
      if (clip) {
        const embedding = await cached(sha256, clip.featureSet, (path) => clip.embed(path, label));
        if (!embedding) return null;
        parts.push(embedding);
      }
      const classical = await cached(sha256, CLASSICAL_FEATURE_VERSION, (path) => deps.worker.features(path, label));
      if (!classical) return null;
      parts.push(classical);
      return concat(parts);
    },
    async ofBytes(bytes: Buffer, label: string): Promise<Float32Array> {
      const clip = deps.clip();
      const parts = clip ? [await clip.embed(bytes, label)] : [];
      parts.push(await deps.worker.features(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), label));
      return concat(parts);
    },
  };
}
export type FeatureSource = ReturnType<typeof createFeatureSource>;
