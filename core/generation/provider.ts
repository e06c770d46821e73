import type { Parameters, ProviderId } from '../api';

/** The prompt text a provider receives, taken from the prompt version's block for that provider. */
export interface PromptText {
  version: string;
  prompt: string;
  negative_prompt: string;
}

export interface GenerationRequest {
  /** Absolute path of the normalised source image (content-addressed in the data dir). */
  sourcePath: string;
  sourceSha256: string;
  parameters: Parameters;
  prompt: PromptText;
  /** Seeds everything random in the provider; same request and seed give the same image. */
  seed: number;
  signal?: AbortSignal;
}

export interface GenerationResult {
  /** Encoded image bytes (JPEG, PNG or WebP); the caller stores them content-addressed at once. */
  bytes: Buffer;
  latencyMs: number;
  /** Money spent on this generation in US dollars; 0 for the embedded enhancer. */
  costUsd: number;
  /** Provider-specific facts worth keeping (job ids, model names); JSON-serialisable. */
  details: Record<string, unknown>;
}

/**
 * What every image generator implements: the embedded `local` enhancer now, Leonardo and Stable
 * Diffusion on Replicate later. Implementations throw `ApiError('generation_failed', …)` with a
 * message that says what to do (check the key, wait for the rate limit, …).
 */
export interface GenerationProvider {
  readonly id: ProviderId;
  readonly label: string;
  /** True when it can run now (keys present, model installed); `note` says why not otherwise. */
  available(): boolean;
  readonly note: string;
  generate(request: GenerationRequest): Promise<GenerationResult>;
}
