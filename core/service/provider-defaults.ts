import { PROVIDER_IDS, type ProviderId, type ProviderSettings } from '../api';

// Each API's published address and limits (reference/providers.md): Leonardo 10 concurrent jobs and
// 100 generation requests a minute; Replicate 600 prediction requests a minute. ComfyUI and
// AUTOMATIC1111 run on the studio's own GPU, one job at a time, on their default ports. Prices are
// the account's and change: the admin sets them (0 until then, so the cap counts nothing).
const KNOWN: Record<string, Partial<ProviderSettings>> = {
  local: { base_url: 'http://127.0.0.1', concurrency: 1, requests_per_minute: 6000 },
  leonardo: { base_url: 'https://cloud.leonardo.ai/api/rest/v1', concurrency: 10, requests_per_minute: 100 },
  stablediffusion: { base_url: 'https://api.replicate.com/v1', concurrency: 10, requests_per_minute: 600 },
  comfyui: { base_url: 'http://127.0.0.1:8188', concurrency: 1, requests_per_minute: 600 },
  automatic1111: { base_url: 'http://127.0.0.1:7860', concurrency: 1, requests_per_minute: 600 },
};

const FALLBACK: ProviderSettings = {
  base_url: 'http://127.0.0.1',
  model: null,
  controlnet_model: null,
  price_usd: 0,
  concurrency: 1,
  requests_per_minute: 60,
  daily_cap_usd: null,
};

export function defaultProviderSettings(id: ProviderId): ProviderSettings {
  return { ...FALLBACK, ...KNOWN[id] };
}

export const DEFAULT_PROVIDER_SETTINGS = Object.fromEntries(PROVIDER_IDS.map((id) => [id, defaultProviderSettings(id)])) as Record<ProviderId, ProviderSettings>;
