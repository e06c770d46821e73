import type { RewardMetrics } from './metrics';

/** Fewer rated images than this and a model is not trained at all (too few to split 80/20 by pair). */
export const MIN_TRAINING_SAMPLES = 20;
/** The seed: "becomes reliable after 200+ samples". */
export const READY_MIN_SAMPLES = 200;
/**
 * Pairwise accuracy the held-out pairs must beat. Single annotators agree with the majority of
 * other annotators 65–78% of the time in published image-preference sets, so a model above 0.65
 * orders pairs about as well as one more trainer would; the seed's 80% is above what people reach.
 */
export const DEFAULT_PAIRWISE_THRESHOLD = 0.65;

export interface Readiness {
  ready: boolean;
  reason: string;
}

/** The documented rule: at least 200 rated images and held-out pairwise accuracy above the threshold. */
export function readiness(samples: number, metrics: RewardMetrics | null, threshold = DEFAULT_PAIRWISE_THRESHOLD, minSamples = READY_MIN_SAMPLES): Readiness {
  if (samples < minSamples) {
    // `samples` is what this model was trained on, not the rated images there are now: said so.
    return { ready: false, reason: `This model was trained on ${samples} rated images; predictions are used from a model trained on ${minSamples} or more.` };
  }
  const accuracy = metrics?.pairwise_accuracy ?? null;
  if (accuracy === null) return { ready: false, reason: 'No held-out pair had a preferred side, so pairwise accuracy is unknown.' };
  if (accuracy <= threshold) {
    return { ready: false, reason: `Pairwise accuracy ${accuracy.toFixed(2)} on held-out pairs is not above ${threshold.toFixed(2)}.` };
  }
  return { ready: true, reason: `Pairwise accuracy ${accuracy.toFixed(2)} > ${threshold.toFixed(2)}, trained on ${samples} rated images.` };
}
