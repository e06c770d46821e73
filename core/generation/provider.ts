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
  /**
   * Provider-specific facts worth keeping, JSON-serialisable: for remote providers at least `job_id`,
   * `model`, and `request` (the exact request body sent, without keys), which the export and the
   * audit read.
   */
  details: Record<string, unknown>;
}

/** What "Test connection" reports; it must cost nothing (no generation). */
export interface ConnectionReport {
  ok: boolean;
  /** What was checked and, on failure, what to do. */
  message: string;
  /** Credits, tokens or balance left, as the provider words it; null where it has none. */
  balance: string | null;
}

/**
 * What every image generator implements: the embedded `local` enhancer, Leonardo, Stable Diffusion on
 * Replicate, ComfyUI and AUTOMATIC1111. Implementations throw `ApiError('generation_failed', …)` with a
 * message that says what to do (check the key, wait for the rate limit, …); an error that knows when
 * to come back (a 429's Retry-After) carries it as a numeric `retryAfterMs` property, which the queue
 * honours before asking that provider again.
 */
export interface GenerationProvider {
  readonly id: ProviderId;
  readonly label: string;
  /** True when it can run now (keys present, model installed); `note` says why not otherwise. */
  available(): boolean;
  readonly note: string;
  /** Needs the network or costs money: rate limits, budgets and offline packs apply. */
  readonly remote: boolean;
  generate(request: GenerationRequest): Promise<GenerationResult>;
  /**
   * The parameters this provider will really use for a request, e.g. guidance rounded to an
   * integer; the optimizer records these so that it is not fooled by the provider's rounding.
   */
  effectiveParameters(parameters: Parameters): Parameters;
  testConnection(signal?: AbortSignal): Promise<ConnectionReport>;
  /** The models (checkpoints, versions) it can use, where its API lists them; costs nothing. */
  listModels?(signal?: AbortSignal): Promise<{ id: string; label: string }[]>;
}

/** What the service gives a provider's factory, from settings and the secret store (read at each call, so a new key applies at once). */
export interface ProviderConfig {
  baseUrl: string;
  apiKey: () => string | null;
  model: string | null;
  controlnetModel: string | null;
  /** US dollars per unit the provider bills (per credit, per second of predict time, or per image). */
  priceUsd: number;
}

/** Builds an adapter from its settings; the host adds what only it has (fetch, clock). */
export type ProviderFactory = (config: ProviderConfig) => GenerationProvider;
