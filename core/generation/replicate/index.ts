import { denoiseEffective, denoiseKnobsFor } from '../knobs';
import type { ConnectionReport, GenerationProvider, GenerationRequest, GenerationResult } from '../provider';
import {
  REMOTE_DEFAULTS,
  downloadImage,
  imagePlaceholder,
  openContext,
  parseReply,
  pollUntil,
  prepareSource,
  ProviderError,
  send,
  sendOk,
  withRetries,
  type HttpRequest,
  type RemoteContext,
  type RemoteOptions,
} from '../remote';
import { Account, DEFAULT_REPLICATE_URL, endedWithout, outputUrl, Prediction, type PredictionReply } from './api';

export { DEFAULT_REPLICATE_URL } from './api';

export interface ReplicateConfig extends RemoteOptions {
  baseUrl?: string;
  /** A Replicate API token, read at each call. */
  apiKey: () => string | null;
  /** `owner/name` of the model, for messages and the connection test. */
  model: string;
  /** The pinned version id: inputs and their directions are read from that version's schema. */
  version: string;
  /** US dollars per second of `metrics.predict_time` for this model's hardware; null when not known. */
  usdPerSecond: number | null;
  /** The model's preprocessor for the render; it computes the map itself. */
  controlnet?: 'depth_midas' | 'depth_leres' | 'edge_canny';
  /** Multiplies the canonical ControlNet weight into this model's conditioning scale (0–4). */
  controlnetScale?: number;
  maxSide?: number;
  inferenceSteps?: number;
  /** Seconds Replicate may hold the create request open (`Prefer: wait`, at most 60). */
  waitSeconds?: number;
}

const CLEANUP_TIMEOUT_MS = 10_000;

/**
 * Stable Diffusion on Replicate through `fofr/sdxl-multi-controlnet-lora` (img2img plus one
 * ControlNet): create with `Prefer: wait`, poll, download the output the moment it succeeds
 * (Replicate deletes API outputs after an hour), cancel on abort.
 */
export function createReplicateProvider(config: ReplicateConfig): GenerationProvider {
  const baseUrl = (config.baseUrl ?? DEFAULT_REPLICATE_URL).replace(/\/+$/, '');
  const waitSeconds = Math.min(60, Math.max(1, config.waitSeconds ?? 30));
  const headersFor = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });

  async function cancel(ctx: RemoteContext, id: string, headers: Record<string, string>): Promise<void> {
    const cleanup: RemoteContext = { ...ctx, signal: undefined, deadlineAt: ctx.clock.now() + CLEANUP_TIMEOUT_MS };
    await send(cleanup, { method: 'POST', url: `${baseUrl}/predictions/${encodeURIComponent(id)}/cancel`, headers }).catch(() => undefined);
  }

  async function generate(request: GenerationRequest): Promise<GenerationResult> {
    const mapped = denoiseKnobsFor({ api: 'stablediffusion', label: 'Stable Diffusion on Replicate' }, request.parameters, config.controlnetScale);
    const key = config.apiKey();
    if (!key) throw new ProviderError('auth', 'No Replicate API token is stored. Enter a token from replicate.com/account/api-tokens, then test the connection.');
    const ctx = openContext('Replicate', config, [key], request.signal);
    const started = ctx.clock.now();
    const headers = headersFor(key);
    const source = await prepareSource(request.sourcePath, config.maxSide ?? 1024, 'png');
    const image = `data:image/png;base64,${source.bytes.toString('base64')}`;
    const input = {
      prompt: request.prompt.prompt,
      negative_prompt: request.prompt.negative_prompt,
      image,
      prompt_strength: mapped.denoise,
      guidance_scale: mapped.cfg,
      seed: request.seed,
      width: source.size.width,
      height: source.size.height,
      sizing_strategy: 'width_height',
      num_outputs: 1,
      ...(config.inferenceSteps ? { num_inference_steps: config.inferenceSteps } : {}),
      controlnet_1: config.controlnet ?? 'depth_midas',
      controlnet_1_image: image,
      controlnet_1_conditioning_scale: mapped.controlnet,
      controlnet_1_start: 0,
      controlnet_1_end: 1,
      apply_watermark: false,
    };
    const body = { version: config.version, input };
    const placeholder = imagePlaceholder(source.bytes, 'image/png');
    const stored = { ...body, input: { ...input, image: placeholder, controlnet_1_image: placeholder } };
    const remaining = Math.ceil((ctx.deadlineAt - ctx.clock.now()) / 1000);
    const create: HttpRequest = {
      method: 'POST',
      url: `${baseUrl}/predictions`,
      // Cancel-After makes Replicate stop the run itself if this app dies before it can cancel.
      headers: { ...headers, prefer: `wait=${waitSeconds}`, 'cancel-after': `${remaining}s` },
      body: JSON.stringify(body),
      timeoutMs: waitSeconds * 1000 + (config.requestTimeoutMs ?? REMOTE_DEFAULTS.requestTimeoutMs),
    };
    let prediction: PredictionReply = await withRetries(ctx, false, async () => parseReply(ctx, create, await sendOk(ctx, create), Prediction));
    let polls = 0;
    try {
      const poll = { method: 'GET' as const, url: `${baseUrl}/predictions/${encodeURIComponent(prediction.id)}`, headers };
      prediction = await pollUntil(ctx, config.pollIntervalMs ?? REMOTE_DEFAULTS.pollIntervalMs, started, async () => {
        if (!['starting', 'processing'].includes(prediction.status)) return prediction;
        polls++;
        prediction = await withRetries(ctx, true, async () => parseReply(ctx, poll, await sendOk(ctx, poll), Prediction));
        return ['starting', 'processing'].includes(prediction.status) ? undefined : prediction;
      });
      const url = prediction.status === 'succeeded' ? outputUrl(prediction.output) : null;
      if (url === null) throw endedWithout(ctx, prediction);
      const output = await downloadImage(ctx, url);
      const predictTime = prediction.metrics?.predict_time ?? null;
      const costUsd = predictTime !== null && config.usdPerSecond !== null ? predictTime * config.usdPerSecond : null;
      return {
        bytes: output.bytes,
        latencyMs: ctx.clock.now() - started,
        costUsd: costUsd ?? 0,
        details: {
          job_id: prediction.id,
          model: `${config.model}:${config.version}`,
          request: stored,
          predict_time: predictTime,
          cost_usd: costUsd,
          polls,
          output: { width: output.width, height: output.height, mime: output.mime },
        },
      };
    } catch (error) {
      if (error instanceof ProviderError && (error.fault === 'cancelled' || error.fault === 'timeout')) await cancel(ctx, prediction.id, headers);
      throw error;
    }
  }

  async function testConnection(signal?: AbortSignal): Promise<ConnectionReport> {
    const key = config.apiKey();
    if (!key) return { ok: false, message: 'No Replicate API token is stored. Enter a token from replicate.com/account/api-tokens.', balance: null };
    const ctx = openContext('Replicate', { ...config, timeoutMs: 2 * (config.requestTimeoutMs ?? REMOTE_DEFAULTS.requestTimeoutMs) }, [key], signal);
    try {
      const account = { method: 'GET' as const, url: `${baseUrl}/account`, headers: headersFor(key) };
      const who = parseReply(ctx, account, await sendOk(ctx, account), Account);
      const version = { method: 'GET' as const, url: `${baseUrl}/models/${config.model}/versions/${encodeURIComponent(config.version)}`, headers: headersFor(key) };
      await sendOk(ctx, version);
      return { ok: true, message: `Connected to Replicate${who.username ? ` as ${who.username}` : ''}; ${config.model} version ${config.version.slice(0, 12)} is available.`, balance: null };
    } catch (error) {
      return { ok: false, message: (error as Error).message, balance: null };
    }
  }

  return {
    id: 'stablediffusion',
    label: 'Stable Diffusion on Replicate',
    get note() {
      return config.apiKey() ? `${config.model} (img2img + ${config.controlnet ?? 'depth_midas'} ControlNet) on Replicate.` : 'Needs a Replicate API token.';
    },
    remote: true,
    available: () => Boolean(config.apiKey()),
    effectiveParameters: denoiseEffective,
    generate,
    testConnection,
  };
}
