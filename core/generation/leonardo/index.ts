import { ApiError, type Parameters } from '../../api';
import { knobsOf, leonardoEffective, leonardoKnobs } from '../knobs';
import type { ConnectionReport, GenerationProvider, GenerationRequest, GenerationResult } from '../provider';
import {
  REMOTE_DEFAULTS,
  downloadImage,
  openContext,
  parseReply,
  pollUntil,
  prepareSource,
  ProviderError,
  send,
  withRetries,
  type RemoteContext,
  type RemoteOptions,
} from '../remote';
import { CreateReply, DEFAULT_LEONARDO_URL, GenerationReply, leonardoFailure, MeReply, PREPROCESSORS, refusal, type LeonardoModelFamily } from './api';
import { uploadInitImage } from './upload';

export { DEFAULT_LEONARDO_URL, PREPROCESSORS, type LeonardoModelFamily } from './api';

export interface LeonardoConfig extends RemoteOptions {
  /** Defaults to Leonardo's REST v1 base URL. */
  baseUrl?: string;
  /** Read at each call, so a key entered or removed in the settings applies at once. */
  apiKey: () => string | null;
  /** A platform model id (e.g. Leonardo Kino XL); its family picks the ControlNet preprocessor. */
  modelId: string;
  modelFamily: LeonardoModelFamily;
  /** Which structure map Leonardo derives from the render; depth unless set. */
  controlnet?: 'depth' | 'edge';
  /** US dollars per API credit, from the admin's plan (price ÷ credits); null when not known. */
  usdPerCredit: number | null;
  /** Long side of the request in pixels (Leonardo allows 1536; more pixels cost more credits). */
  maxSide?: number;
  alchemy?: boolean;
  inferenceSteps?: number;
}

const CLEANUP_TIMEOUT_MS = 10_000;

function leonardoParameters(parameters: Parameters) {
  if (parameters.api !== 'leonardo') {
    throw new ApiError('generation_failed', `Leonardo was given parameters for "${parameters.api}". Send each option to the provider its parameters were made for.`);
  }
  return leonardoKnobs(knobsOf(parameters));
}

/** Leonardo.Ai REST v1: init image, one Depth or Edge ControlNet, polled until COMPLETE. */
export function createLeonardoProvider(config: LeonardoConfig): GenerationProvider {
  const baseUrl = (config.baseUrl ?? DEFAULT_LEONARDO_URL).replace(/\/+$/, '');
  const preprocessorId = PREPROCESSORS[config.modelFamily][config.controlnet ?? 'depth'];
  const headersFor = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/json' });
  const requireKey = (): string => {
    const key = config.apiKey();
    if (!key) throw new ProviderError('auth', 'No Leonardo API key is stored. Enter a production API key from the Leonardo app, then test the connection.');
    return key;
  };

  // Leonardo cannot cancel a running job; deleting it is the closest thing and keeps the account tidy.
  async function deleteGeneration(ctx: RemoteContext, id: string, headers: Record<string, string>): Promise<void> {
    const cleanup: RemoteContext = { ...ctx, signal: undefined, deadlineAt: ctx.clock.now() + CLEANUP_TIMEOUT_MS, retry: { ...ctx.retry, attempts: 1 } };
    await send(cleanup, { method: 'DELETE', url: `${baseUrl}/generations/${encodeURIComponent(id)}`, headers }).catch(() => undefined);
  }

  async function generate(request: GenerationRequest): Promise<GenerationResult> {
    const knobs = leonardoParameters(request.parameters);
    const key = requireKey();
    const ctx = openContext('Leonardo', config, [key], request.signal);
    const started = ctx.clock.now();
    const headers = headersFor(key);
    const source = await prepareSource(request.sourcePath, config.maxSide ?? 1024, 'png');
    const initImageId = await uploadInitImage(ctx, baseUrl, headers, source.bytes);
    const body = {
      modelId: config.modelId,
      prompt: request.prompt.prompt,
      negative_prompt: request.prompt.negative_prompt,
      width: source.size.width,
      height: source.size.height,
      num_images: 1,
      ...(config.inferenceSteps ? { num_inference_steps: config.inferenceSteps } : {}),
      guidance_scale: knobs.guidance_scale,
      seed: request.seed,
      alchemy: config.alchemy ?? false,
      public: false,
      init_image_id: initImageId,
      init_strength: knobs.init_strength,
      controlnets: [{ initImageId, initImageType: 'UPLOADED', preprocessorId, weight: knobs.weight }],
    };
    const create = { method: 'POST' as const, url: `${baseUrl}/generations`, headers, body: JSON.stringify(body) };
    const job = await withRetries(ctx, false, async () => {
      const response = await send(ctx, create);
      const failure = leonardoFailure(ctx, create, response);
      if (failure) throw failure;
      return parseReply(ctx, create, response, CreateReply).sdGenerationJob;
    });
    let polls = 0;
    try {
      const poll = { method: 'GET' as const, url: `${baseUrl}/generations/${encodeURIComponent(job.generationId)}`, headers };
      const finished = await pollUntil(ctx, config.pollIntervalMs ?? REMOTE_DEFAULTS.pollIntervalMs, started, () =>
        withRetries(ctx, true, async () => {
          polls++;
          const response = await send(ctx, poll);
          const failure = leonardoFailure(ctx, poll, response);
          if (failure) throw failure;
          const generation = parseReply(ctx, poll, response, GenerationReply).generations_by_pk;
          return generation && generation.status !== 'PENDING' ? generation : undefined;
        }),
      );
      if (finished.status === 'FAILED') {
        throw new ProviderError('failed', `Leonardo could not finish the generation (status FAILED, job ${job.generationId}). Try again; if it repeats, check that the model accepts an init image with a ${config.controlnet ?? 'depth'} ControlNet.`);
      }
      const images = finished.generated_images ?? [];
      const kept = images.filter((image) => image.nsfw !== true);
      if (images.length > 0 && kept.length === 0) throw refusal('the only image was flagged NSFW');
      if (kept.length === 0) throw new ProviderError('bad_output', `Leonardo finished job ${job.generationId} without an image. Try again; if it repeats, try another model.`);
      const image = await downloadImage(ctx, kept[0]!.url);
      const credits = job.apiCreditCost ?? null;
      const costUsd = credits !== null && config.usdPerCredit !== null ? credits * config.usdPerCredit : null;
      return {
        bytes: image.bytes,
        latencyMs: ctx.clock.now() - started,
        costUsd: costUsd ?? 0,
        details: {
          job_id: job.generationId,
          model: config.modelId,
          request: body,
          init_image_id: initImageId,
          source_sent_sha256: source.sha256,
          api_credit_cost: credits,
          cost_usd: costUsd,
          polls,
          output: { width: image.width, height: image.height, mime: image.mime },
        },
      };
    } catch (error) {
      if (error instanceof ProviderError && (error.fault === 'cancelled' || error.fault === 'timeout')) {
        await deleteGeneration(ctx, job.generationId, headers);
      }
      throw error;
    }
  }

  async function testConnection(signal?: AbortSignal): Promise<ConnectionReport> {
    const key = config.apiKey();
    if (!key) return { ok: false, message: 'No Leonardo API key is stored. Enter a production API key from the Leonardo app.', balance: null };
    const ctx = openContext('Leonardo', { ...config, timeoutMs: config.requestTimeoutMs ?? REMOTE_DEFAULTS.requestTimeoutMs }, [key], signal);
    const request = { method: 'GET' as const, url: `${baseUrl}/me`, headers: headersFor(key) };
    try {
      const response = await send(ctx, request);
      const failure = leonardoFailure(ctx, request, response);
      if (failure) throw failure;
      const me = parseReply(ctx, request, response, MeReply).user_details[0]!;
      const tokens = (me.apiSubscriptionTokens ?? 0) + (me.apiPaidTokens ?? 0);
      const who = me.user?.username ? ` as ${me.user.username}` : '';
      return { ok: true, message: `Connected to Leonardo${who}; ${me.apiConcurrencySlots ?? 'unknown'} concurrent job slots.`, balance: `${tokens} API tokens` };
    } catch (error) {
      return { ok: false, message: (error as Error).message, balance: null };
    }
  }

  return {
    id: 'leonardo',
    label: 'Leonardo.Ai',
    get note() {
      return config.apiKey() ? `Leonardo REST v1, model ${config.modelId} (${config.modelFamily}), ${config.controlnet ?? 'depth'} ControlNet.` : 'Needs a Leonardo API key.';
    },
    remote: true,
    available: () => Boolean(config.apiKey()),
    effectiveParameters: leonardoEffective,
    generate,
    testConnection,
  };
}
