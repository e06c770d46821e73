import type { z } from 'zod';
import { parseReply, sendOk, withRetries, type RemoteContext } from '../remote';
import { choices, ObjectInfo, SystemStats } from './api';
import type { Server } from './jobs';

/** What a ComfyUI server has for the bundled workflow, read from `/system_stats` and `/object_info`. */
export interface ComfyUIModels {
  version: string | null;
  device: string | null;
  checkpoints: string[];
  controlnetModels: string[];
  samplers: string[];
  schedulers: string[];
}

async function getJson<S extends z.ZodType>(ctx: RemoteContext, server: Server, path: string, schema: S): Promise<z.infer<S>> {
  const request = { method: 'GET' as const, url: `${server.baseUrl}${path}`, headers: server.headers };
  return withRetries(ctx, true, async () => parseReply(ctx, request, await sendOk(ctx, request), schema));
}

/** The choices one input of one node class offers; empty when the server does not describe it. */
async function inputChoices(ctx: RemoteContext, server: Server, nodeClass: string, inputs: string[]): Promise<string[][]> {
  const info = (await getJson(ctx, server, `/object_info/${nodeClass}`, ObjectInfo))[nodeClass];
  return inputs.map((input) => choices(info?.input.required[input]) ?? []);
}

export async function readModels(ctx: RemoteContext, server: Server): Promise<ComfyUIModels> {
  const stats = await getJson(ctx, server, '/system_stats', SystemStats);
  const [checkpoints = []] = await inputChoices(ctx, server, 'CheckpointLoaderSimple', ['ckpt_name']);
  const [controlnetModels = []] = await inputChoices(ctx, server, 'ControlNetLoader', ['control_net_name']);
  const [samplers = [], schedulers = []] = await inputChoices(ctx, server, 'KSampler', ['sampler_name', 'scheduler']);
  return { version: stats.system.comfyui_version ?? null, device: stats.devices[0]?.name ?? null, checkpoints, controlnetModels, samplers, schedulers };
}

const some = (names: string[]) => (names.length === 0 ? 'none' : names.length > 6 ? `${names.slice(0, 6).join(', ')} … (${names.length})` : names.join(', '));

/** What the settings ask for that the server does not have, worded with what it does have; null when all is there. */
export function missingModels(models: ComfyUIModels, wanted: { checkpoint: string; controlnetModel: string; sampler: string; scheduler: string }): string | null {
  const missing = [
    !models.checkpoints.includes(wanted.checkpoint) && `the checkpoint "${wanted.checkpoint}" (it has ${some(models.checkpoints)})`,
    !models.controlnetModels.includes(wanted.controlnetModel) && `the ControlNet model "${wanted.controlnetModel}" (it has ${some(models.controlnetModels)})`,
    models.samplers.length > 0 && !models.samplers.includes(wanted.sampler) && `the sampler "${wanted.sampler}"`,
    models.schedulers.length > 0 && !models.schedulers.includes(wanted.scheduler) && `the scheduler "${wanted.scheduler}"`,
  ].filter((m): m is string => typeof m === 'string');
  if (missing.length === 0) return null;
  return `ComfyUI answers but does not have ${missing.join(', or ')}. Put the files in ComfyUI's models/checkpoints and models/controlnet folders, or write names it has.`;
}
