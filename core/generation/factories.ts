import type { ProviderId } from '../api';
import { createLeonardoProvider, PREPROCESSORS, type LeonardoModelFamily } from './leonardo';
import type { GenerationProvider, ProviderConfig, ProviderFactory } from './provider';
import { createAutomatic1111Provider } from './automatic1111';
import { createComfyUIProvider, type ComfyUIHint } from './comfyui';
import { createReplicateProvider } from './replicate';
import { ProviderError, type RemoteOptions } from './remote';

// How the Providers page's fields (model, ControlNet model, price) become each adapter's config.
// The hosts build their adapters through these, so what an admin types is what the adapter sends.

/** Leonardo Kino XL, an SDXL platform model used in Leonardo's Edge-to-Image example (reference/providers.md). */
export const DEFAULT_LEONARDO_MODEL = 'aa77f04e-3eec-4034-9c07-d0f619684628';
/** The one Replicate model whose inputs the Replicate adapter is written for. */
export const REPLICATE_MODEL = 'fofr/sdxl-multi-controlnet-lora';

const REPLICATE_CONTROLNETS = ['depth_midas', 'depth_leres', 'edge_canny'] as const;
type ReplicateControlnet = (typeof REPLICATE_CONTROLNETS)[number];

/**
 * Leonardo's ControlNet field: `<family>/<map>`, e.g. `sdxl/depth` (the default) or `sd15/edge`;
 * the family must be the model's, because Leonardo numbers its preprocessors per family.
 */
export function parseLeonardoControlnet(value: string | null): { family: LeonardoModelFamily; map: 'depth' | 'edge' } {
  if (value === null || value.trim() === '') return { family: 'sdxl', map: 'depth' };
  const [family, map = 'depth'] = value.trim().toLowerCase().split('/');
  if (!(family! in PREPROCESSORS) || (map !== 'depth' && map !== 'edge')) {
    throw new Error(`Leonardo's ControlNet model "${value}" is not <family>/<map>: write one of ${Object.keys(PREPROCESSORS).map((f) => `${f}/depth, ${f}/edge`).join(', ')}, with the family of the model chosen.`);
  }
  return { family: family as LeonardoModelFamily, map };
}

/** Replicate's model field: `owner/name:version`, the version pinned because the inputs are read from its schema. */
export function parseReplicateModel(value: string | null): { model: string; version: string } {
  const text = (value ?? '').trim();
  const match = /^([\w.-]+\/[\w.-]+):([0-9a-f]{16,})$/i.exec(text);
  if (!match) {
    throw new Error(
      `Replicate's model must be pinned as ${REPLICATE_MODEL}:<version id>${text ? `, not "${text}"` : ''}: copy the version id from the model's API page on replicate.com (or GET /v1/models/${REPLICATE_MODEL}, field latest_version.id).`,
    );
  }
  if (match[1] !== REPLICATE_MODEL) throw new Error(`Only ${REPLICATE_MODEL} has an adapter here (each Replicate model names its inputs differently); "${match[1]}" cannot be used.`);
  return { model: match[1]!, version: match[2]! };
}

/**
 * AUTOMATIC1111's ControlNet field: `<module>: <model>`, the model exactly as
 * `/controlnet/model_list` gives it (hash included), e.g. `depth_midas: control_v11f1p_sd15_depth [cfd03158]`.
 * Without a module, a depth model gets `depth_midas` and a canny one `canny`.
 */
export function parseAutomatic1111Controlnet(value: string | null): { module: string; model: string } {
  const text = (value ?? '').trim();
  const example = 'depth_midas: control_v11f1p_sd15_depth [cfd03158]';
  if (text === '') throw new Error(`Write the ControlNet model as the server's /controlnet/model_list gives it, with its preprocessor in front, e.g. "${example}"; Test connection lists what the server has.`);
  const colon = text.indexOf(':');
  if (colon > 0 && !text.slice(0, colon).includes(' ')) return { module: text.slice(0, colon).trim(), model: text.slice(colon + 1).trim() };
  const guessed = /depth/i.test(text) ? 'depth_midas' : /canny/i.test(text) ? 'canny' : null;
  if (guessed === null) throw new Error(`Say which preprocessor goes with "${text}": write "<module>: ${text}", e.g. "${example}".`);
  return { module: guessed, model: text };
}

/**
 * ComfyUI's ControlNet field: `<hint>: <file>`, the file as `ControlNetLoader` lists it (ComfyUI's
 * models/controlnet). `canny` gives the model the edge map this workstation draws; `image` gives it
 * the render itself (tile or recolour models). Core ComfyUI has no depth preprocessor, so a depth
 * model cannot be fed here without a custom node pack. A canny model alone gets `canny`.
 */
export function parseComfyuiControlnet(value: string | null): { hint: ComfyUIHint; model: string } {
  const text = (value ?? '').trim();
  const example = 'canny: control_v11p_sd15_canny.pth';
  if (text === '') throw new Error(`Write the ControlNet file as ComfyUI lists it, with the hint it takes in front, e.g. "${example}"; Test connection lists the files the server has.`);
  const prefix = /^(canny|image)\s*:\s*(.+)$/i.exec(text);
  if (prefix) return { hint: prefix[1]!.toLowerCase() as ComfyUIHint, model: prefix[2]!.trim() };
  if (/canny/i.test(text)) return { hint: 'canny', model: text };
  const depth = /depth/i.test(text) ? ' Core ComfyUI cannot make a depth map, and this workstation draws edge maps only: choose a canny model.' : '';
  throw new Error(`Say what "${text}" is given: "canny: ${text}" for the edge map drawn here, or "image: ${text}" for the render itself.${depth}`);
}

/** An adapter whose settings cannot work yet: shown on the Providers page with what to fix, never chosen by the queue. */
function misconfigured(id: ProviderId, label: string, problem: string): GenerationProvider {
  const refuse = () => new ProviderError('rejected', `${label} is not set up: ${problem}`);
  return {
    id,
    label,
    remote: true,
    note: problem,
    available: () => false,
    effectiveParameters: (parameters) => parameters,
    generate: () => Promise.reject(refuse()),
    testConnection: () => Promise.resolve({ ok: false, message: problem, balance: null }),
  };
}

const guarded = (id: ProviderId, label: string, build: () => GenerationProvider): GenerationProvider => {
  try {
    return build();
  } catch (error) {
    return misconfigured(id, label, (error as Error).message);
  }
};

/**
 * A paid provider without a price cannot count what it spends: its daily cap would never stop it.
 * The note on the Providers page says so until the admin enters the price.
 */
function priced(provider: GenerationProvider, priceUsd: number, unit: string): GenerationProvider {
  if (priceUsd > 0) return provider;
  return { ...provider, note: `${provider.note} No price is set, so its spending counts as $0 and the daily cap cannot stop it: enter the USD per ${unit}.` };
}

/**
 * The factories for the real providers that have adapters. `options` carries what only the host
 * has (fetch, clock), and tests give a loopback fake's fetch and a driven clock.
 */
export function remoteProviderFactories(options: RemoteOptions = {}): Partial<Record<ProviderId, ProviderFactory>> {
  return {
    leonardo: (config: ProviderConfig) =>
      guarded('leonardo', 'Leonardo.Ai', () => {
        const { family, map } = parseLeonardoControlnet(config.controlnetModel);
        const provider = createLeonardoProvider({
          ...options,
          baseUrl: config.baseUrl,
          apiKey: config.apiKey,
          modelId: config.model?.trim() || DEFAULT_LEONARDO_MODEL,
          modelFamily: family,
          controlnet: map,
          usdPerCredit: config.priceUsd > 0 ? config.priceUsd : null,
        });
        return priced(provider, config.priceUsd, 'API credit');
      }),
    stablediffusion: (config: ProviderConfig) =>
      guarded('stablediffusion', 'Stable Diffusion on Replicate', () => {
        const { model, version } = parseReplicateModel(config.model);
        const controlnet = (config.controlnetModel?.trim() || 'depth_midas') as ReplicateControlnet;
        if (!REPLICATE_CONTROLNETS.includes(controlnet)) {
          throw new Error(`Replicate's ControlNet "${config.controlnetModel}" is not one of ${REPLICATE_CONTROLNETS.join(', ')} (${REPLICATE_MODEL}'s preprocessors).`);
        }
        const provider = createReplicateProvider({
          ...options,
          baseUrl: config.baseUrl,
          apiKey: config.apiKey,
          model,
          version,
          controlnet,
          usdPerSecond: config.priceUsd > 0 ? config.priceUsd : null,
        });
        return priced(provider, config.priceUsd, 'second of predict time');
      }),
    automatic1111: (config: ProviderConfig) =>
      guarded('automatic1111', 'AUTOMATIC1111 / Forge', () => {
        const { module, model } = parseAutomatic1111Controlnet(config.controlnetModel);
        return createAutomatic1111Provider({
          ...options,
          baseUrl: config.baseUrl,
          // The key field holds `user:password` when the server runs with --api-auth.
          credentials: config.apiKey,
          ...(config.model?.trim() ? { checkpoint: config.model.trim() } : {}),
          controlnetModel: model,
          controlnetModule: module,
        });
      }),
    comfyui: (config: ProviderConfig) =>
      guarded('comfyui', 'ComfyUI', () => {
        const checkpoint = config.model?.trim();
        if (!checkpoint) throw new Error("Write the checkpoint file in the Model field as ComfyUI lists it (its models/checkpoints folder), e.g. sd_xl_base_1.0.safetensors.");
        const { hint, model } = parseComfyuiControlnet(config.controlnetModel);
        return createComfyUIProvider({
          ...options,
          baseUrl: config.baseUrl,
          // Empty for an open server; `user:password` or a token for one behind a login proxy.
          credentials: config.apiKey,
          checkpoint,
          controlnetModel: model,
          hint,
        });
      }),
  };
}
