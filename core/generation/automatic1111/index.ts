import { denoiseEffective, denoiseKnobsFor } from '../knobs';
import type { ConnectionReport, GenerationProvider, GenerationRequest, GenerationResult } from '../provider';
import {
  checkOutputImage,
  cleanupContext,
  imagePlaceholder,
  openContext,
  parseReply,
  prepareSource,
  ProviderError,
  send,
  sendOk,
  serverLogin,
  withRetries,
  type DiffusionServerOptions,
  type RemoteContext,
  type RemoteOptions,
} from '../remote';
import { ControlNetModels, ControlNetModules, DEFAULT_AUTOMATIC1111_URL, Img2ImgReply, SdModels, seedFromInfo, type Automatic1111Models } from './api';

export { DEFAULT_AUTOMATIC1111_URL, type Automatic1111Models } from './api';

export interface Automatic1111Config extends RemoteOptions, DiffusionServerOptions {
  baseUrl?: string;
  /** `user:password` when the server runs with `--api-auth`; null for none. Read at each call. */
  credentials: () => string | null;
  /** Checkpoint title from `/sdapi/v1/sd-models`; the server's loaded one when omitted. */
  checkpoint?: string;
  /** Exactly as `/controlnet/model_list` gives it, hash suffix included. */
  controlnetModel: string;
  /** A preprocessor from `/controlnet/module_list` (e.g. `canny`, `depth_midas`); the extension runs it. */
  controlnetModule: string;
}

export type Automatic1111Provider = GenerationProvider & {
  /** Checkpoints, ControlNet models and preprocessors, as the server lists them. */
  listServer(signal?: AbortSignal): Promise<Automatic1111Models>;
};

/**
 * AUTOMATIC1111 / Forge with the sd-webui-controlnet extension: one blocking `POST
 * /sdapi/v1/img2img` with the ControlNet unit in `alwayson_scripts`; an abort interrupts it.
 */
export function createAutomatic1111Provider(config: Automatic1111Config): Automatic1111Provider {
  const baseUrl = (config.baseUrl ?? DEFAULT_AUTOMATIC1111_URL).replace(/\/+$/, '');
  const headersFor = (credentials: string | null): Record<string, string> => ({ 'content-type': 'application/json', ...serverLogin(credentials, 'basic').headers });
  const secretsOf = (credentials: string | null) => serverLogin(credentials, 'basic').secrets;

  async function interrupt(ctx: RemoteContext, headers: Record<string, string>): Promise<void> {
    await send(cleanupContext(ctx), { method: 'POST', url: `${baseUrl}/sdapi/v1/interrupt`, headers }).catch(() => undefined);
  }

  async function generate(request: GenerationRequest): Promise<GenerationResult> {
    const mapped = denoiseKnobsFor({ api: 'automatic1111', label: 'AUTOMATIC1111' }, request.parameters, config.controlnetScale);
    const credentials = config.credentials();
    const ctx = openContext('AUTOMATIC1111', config, secretsOf(credentials), request.signal);
    const started = ctx.clock.now();
    const headers = headersFor(credentials);
    const source = await prepareSource(request.sourcePath, config.maxSide ?? 1024, 'png');
    const image = source.bytes.toString('base64');
    const unit = {
      enabled: true,
      module: config.controlnetModule,
      model: config.controlnetModel,
      weight: mapped.controlnet,
      image,
      resize_mode: 'Crop and Resize',
      processor_res: 512,
      guidance_start: 0,
      guidance_end: 1,
      control_mode: 'Balanced',
      pixel_perfect: true,
      // Detected maps would be appended to `images`; the output must be the only image.
      save_detected_map: false,
    };
    const body = {
      init_images: [image],
      prompt: request.prompt.prompt,
      negative_prompt: request.prompt.negative_prompt,
      denoising_strength: mapped.denoise,
      cfg_scale: mapped.cfg,
      seed: request.seed,
      steps: config.steps ?? 30,
      ...(config.sampler ? { sampler_name: config.sampler } : {}),
      // Stable Diffusion works in 8-pixel latent cells; the server resizes the init image to this.
      width: source.size.width - (source.size.width % 8),
      height: source.size.height - (source.size.height % 8),
      batch_size: 1,
      n_iter: 1,
      resize_mode: 0,
      send_images: true,
      save_images: false,
      ...(config.checkpoint ? { override_settings: { sd_model_checkpoint: config.checkpoint } } : {}),
      alwayson_scripts: { ControlNet: { args: [unit] } },
    };
    const placeholder = imagePlaceholder(source.bytes, 'image/png');
    const stored = { ...body, init_images: [placeholder], alwayson_scripts: { ControlNet: { args: [{ ...unit, image: placeholder }] } } };
    // The call blocks until the image is done, so its own deadline is the generation's.
    const call = { method: 'POST' as const, url: `${baseUrl}/sdapi/v1/img2img`, headers, body: JSON.stringify(body), timeoutMs: ctx.deadlineAt - started };
    try {
      const reply = await withRetries(ctx, false, async () => parseReply(ctx, call, await sendOk(ctx, call), Img2ImgReply));
      const output = await checkOutputImage(ctx, Buffer.from(reply.images[0]!, 'base64'));
      return {
        bytes: output.bytes,
        latencyMs: ctx.clock.now() - started,
        costUsd: 0,
        details: {
          job_id: null,
          model: config.checkpoint ?? 'loaded checkpoint',
          controlnet_model: config.controlnetModel,
          controlnet_module: config.controlnetModule,
          request: stored,
          seed_used: seedFromInfo(reply.info),
          output: { width: output.width, height: output.height, mime: output.mime },
        },
      };
    } catch (error) {
      if (error instanceof ProviderError && (error.fault === 'cancelled' || error.fault === 'timeout')) await interrupt(ctx, headers);
      throw error;
    }
  }

  async function listServer(signal?: AbortSignal): Promise<Automatic1111Models> {
    const credentials = config.credentials();
    const ctx = openContext('AUTOMATIC1111', config, secretsOf(credentials), signal);
    const get = async <T>(path: string, read: (response: Awaited<ReturnType<typeof sendOk>>, request: { method: 'GET'; url: string }) => T) => {
      const request = { method: 'GET' as const, url: `${baseUrl}${path}`, headers: headersFor(credentials) };
      return withRetries(ctx, true, async () => read(await sendOk(ctx, request), request));
    };
    const checkpoints = await get('/sdapi/v1/sd-models', (r, q) => parseReply(ctx, q, r, SdModels).map((m) => m.title));
    const controlnetModels = await get('/controlnet/model_list', (r, q) => parseReply(ctx, q, r, ControlNetModels).model_list);
    const controlnetModules = await get('/controlnet/module_list', (r, q) => parseReply(ctx, q, r, ControlNetModules).module_list);
    return { checkpoints, controlnetModels, controlnetModules };
  }

  async function testConnection(signal?: AbortSignal): Promise<ConnectionReport> {
    try {
      const models = await listServer(signal);
      const missing = [
        !models.controlnetModels.includes(config.controlnetModel) && `the ControlNet model "${config.controlnetModel}"`,
        config.checkpoint && !models.checkpoints.includes(config.checkpoint) && `the checkpoint "${config.checkpoint}"`,
      ].filter(Boolean);
      if (missing.length) return { ok: false, message: `AUTOMATIC1111 answers but does not have ${missing.join(' or ')}. Choose one it lists.`, balance: null };
      return { ok: true, message: `Connected to AUTOMATIC1111: ${models.checkpoints.length} checkpoints, ${models.controlnetModels.length} ControlNet models.`, balance: null };
    } catch (error) {
      return { ok: false, message: (error as Error).message, balance: null };
    }
  }

  return {
    id: 'automatic1111',
    label: 'AUTOMATIC1111 / Forge',
    note: `A local AUTOMATIC1111 or Forge server at ${baseUrl} (started with --api), ControlNet ${config.controlnetModule} / ${config.controlnetModel}.`,
    remote: true,
    available: () => true,
    effectiveParameters: denoiseEffective,
    generate,
    testConnection,
    listServer,
    // The Model field takes a checkpoint; the ControlNet models are named in the connection test.
    listModels: async (signal) => (await listServer(signal)).checkpoints.map((title) => ({ id: title, label: title })),
  };
}
