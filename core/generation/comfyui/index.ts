import { randomUUID } from 'node:crypto';
import { denoiseEffective, denoiseKnobsFor } from '../knobs';
import type { ConnectionReport, GenerationProvider, GenerationRequest, GenerationResult } from '../provider';
import { downloadImage, imagePlaceholder, openContext, parseReply, pollUntil, prepareSource, ProviderError, sendOk, serverLogin, withRetries, type DiffusionServerOptions, type RemoteOptions } from '../remote';
import { DEFAULT_COMFYUI_URL, History } from './api';
import { missingModels, readModels, type ComfyUIModels } from './discovery';
import { executionError } from './errors';
import { edgeMap } from './hint';
import { queuePrompt, stopPrompt, uploadImage, type Server } from './jobs';
import { img2imgWorkflow, NODE } from './workflow';

export { DEFAULT_COMFYUI_URL } from './api';
export type { ComfyUIModels } from './discovery';

/** What the ControlNet is given: the edge map the workstation draws (`canny`), or the render itself (`image`). */
export type ComfyUIHint = 'canny' | 'image';

export interface ComfyUIConfig extends RemoteOptions, DiffusionServerOptions {
  baseUrl?: string;
  /** Nothing for an open server; `user:password` (Basic) or a token (Bearer) for one behind a login proxy. Read at each call. */
  credentials: () => string | null;
  /** A file name as `CheckpointLoaderSimple` lists it (ComfyUI's models/checkpoints). */
  checkpoint: string;
  /** A file name as `ControlNetLoader` lists it (models/controlnet). */
  controlnetModel: string;
  hint: ComfyUIHint;
  scheduler?: string;
  /** How this workstation is named in ComfyUI's queue (`client_id`); a random one when omitted. */
  clientId?: string;
}

export type ComfyUIProvider = GenerationProvider & {
  /** Checkpoints, ControlNet models, samplers and schedulers, as the server lists them. */
  listServer(signal?: AbortSignal): Promise<ComfyUIModels>;
};

// A local GPU finishes a job in seconds; polling its history this often costs it nothing.
const LOCAL_POLL_MS = 1000;
const HINT_CACHE = 4;

/**
 * A ComfyUI server: the render (and its edge map) uploaded to the input folder, the bundled img2img
 * + ControlNet workflow queued with `POST /prompt`, `/history/{id}` polled until it has the prompt,
 * the SaveImage output fetched with `/view`; an abort or the deadline takes the prompt off the
 * queue or interrupts it.
 */
export function createComfyUIProvider(config: ComfyUIConfig): ComfyUIProvider {
  const baseUrl = (config.baseUrl ?? DEFAULT_COMFYUI_URL).replace(/\/+$/, '');
  const clientId = config.clientId ?? randomUUID();
  const sampler = config.sampler ?? 'euler';
  const scheduler = config.scheduler ?? 'normal';
  const connect = (signal?: AbortSignal) => {
    const login = serverLogin(config.credentials(), 'basic_or_bearer');
    const server: Server = { baseUrl, headers: login.headers };
    return { server, ctx: openContext('ComfyUI', config, login.secrets, signal) };
  };

  // A pair's two options share their render: its edge map (a few hundred ms of Canny) is drawn once.
  const hints = new Map<string, Promise<Buffer>>();
  function hintFor(source: { bytes: Buffer; sha256: string }): Promise<Buffer> {
    let hint = hints.get(source.sha256);
    if (!hint) {
      hint = edgeMap(source.bytes);
      hint.catch(() => hints.delete(source.sha256));
      hints.set(source.sha256, hint);
      if (hints.size > HINT_CACHE) hints.delete(hints.keys().next().value!);
    }
    return hint;
  }

  async function generate(request: GenerationRequest): Promise<GenerationResult> {
    const mapped = denoiseKnobsFor({ api: 'comfyui', label: 'ComfyUI' }, request.parameters, config.controlnetScale);
    const { server, ctx } = connect(request.signal);
    const started = ctx.clock.now();
    const source = await prepareSource(request.sourcePath, config.maxSide ?? 1024, 'png');
    const hint = config.hint === 'canny' ? await hintFor(source) : null;
    const stem = `latina-${source.sha256.slice(0, 16)}`;
    const sourceImage = await uploadImage(ctx, server, source.bytes, `${stem}.png`);
    const hintImage = hint ? await uploadImage(ctx, server, hint, `${stem}-canny.png`) : null;
    const workflow = img2imgWorkflow({
      checkpoint: config.checkpoint,
      controlnetModel: config.controlnetModel,
      prompt: request.prompt.prompt,
      negativePrompt: request.prompt.negative_prompt,
      sourceImage,
      hintImage,
      denoise: mapped.denoise,
      cfg: mapped.cfg,
      controlnetStrength: mapped.controlnet,
      seed: request.seed,
      steps: config.steps ?? 30,
      sampler,
      scheduler,
      filenamePrefix: 'latina-workstation/enhance',
    });
    const promptId = await queuePrompt(ctx, server, workflow, clientId);
    let polls = 0;
    try {
      const history = { method: 'GET' as const, url: `${baseUrl}/history/${encodeURIComponent(promptId)}`, headers: server.headers };
      const entry = await pollUntil(ctx, config.pollIntervalMs ?? LOCAL_POLL_MS, started, async () => {
        polls++;
        return (await withRetries(ctx, true, async () => parseReply(ctx, history, await sendOk(ctx, history), History)))[promptId];
      });
      const image = entry.status?.status_str === 'error' ? undefined : entry.outputs[NODE.save]?.images?.[0];
      if (!image) throw executionError(ctx, promptId, entry);
      const query = new URLSearchParams({ filename: image.filename, subfolder: image.subfolder, type: image.type });
      const output = await downloadImage(ctx, `${baseUrl}/view?${query}`, server.headers);
      return {
        bytes: output.bytes,
        latencyMs: ctx.clock.now() - started,
        costUsd: 0,
        details: {
          job_id: promptId,
          model: config.checkpoint,
          controlnet_model: config.controlnetModel,
          controlnet_hint: config.hint,
          // The body sent: the workflow names the uploaded files, whose contents are recorded here by hash.
          request: { prompt: workflow, client_id: clientId },
          uploads: { [sourceImage]: imagePlaceholder(source.bytes, 'image/png'), ...(hint && hintImage ? { [hintImage]: imagePlaceholder(hint, 'image/png') } : {}) },
          polls,
          output: { width: output.width, height: output.height, mime: output.mime, filename: image.filename },
        },
      };
    } catch (error) {
      if (error instanceof ProviderError && (error.fault === 'cancelled' || error.fault === 'timeout')) await stopPrompt(ctx, server, promptId);
      throw error;
    }
  }

  async function listServer(signal?: AbortSignal): Promise<ComfyUIModels> {
    const { server, ctx } = connect(signal);
    return readModels(ctx, server);
  }

  async function testConnection(signal?: AbortSignal): Promise<ConnectionReport> {
    try {
      const models = await listServer(signal);
      const missing = missingModels(models, { checkpoint: config.checkpoint, controlnetModel: config.controlnetModel, sampler, scheduler });
      if (missing) return { ok: false, message: missing, balance: null };
      const on = [models.version && `ComfyUI ${models.version}`, models.device && `on ${models.device}`].filter(Boolean).join(' ') || 'ComfyUI';
      return { ok: true, message: `Connected to ${on}: checkpoint "${config.checkpoint}" and ControlNet "${config.controlnetModel}" are there (${models.checkpoints.length} checkpoints, ${models.controlnetModels.length} ControlNet models).`, balance: null };
    } catch (error) {
      return { ok: false, message: (error as Error).message, balance: null };
    }
  }

  return {
    id: 'comfyui',
    label: 'ComfyUI',
    note: `A ComfyUI server at ${baseUrl}: ${config.checkpoint} with ControlNet ${config.controlnetModel} (${config.hint === 'canny' ? 'edge map drawn here' : 'the render as hint'}).`,
    remote: true,
    available: () => true,
    effectiveParameters: denoiseEffective,
    generate,
    testConnection,
    listServer,
    listModels: async (signal) => (await listServer(signal)).checkpoints.map((name) => ({ id: name, label: name })),
  };
}
