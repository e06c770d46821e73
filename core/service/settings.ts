import { SettingsSchema, type Settings } from '../api';
import type { Store } from '../store';
import { DEFAULT_PROVIDER_SETTINGS } from './provider-defaults';

export const DEFAULT_SETTINGS: Settings = {
  rater_id: null,
  mode: 'structure',
  prefetch: 3,
  enabled_providers: ['local'],
  show_parameters_to_trainers: false,
  prompt_auto_adopt: false,
  prefilter_candidates: { local: 6, leonardo: 6, stablediffusion: 6, comfyui: 6, automatic1111: 6 },
  show_predictions_to_trainers: false,
  providers: DEFAULT_PROVIDER_SETTINGS,
  pack_size: 200,
  prefetch_max: 12,
  daily_goal: 300,
  gold_pair_rate: 0.05,
  repeat_pair_rate: 0.03,
  overlap_share: 0.1,
  excluded_raters: [],
};

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/**
 * Settings live in SQLite, one row per key. Each key is read on its own, so one invalid stored value
 * falls back to its default without taking the others (the trainer's rater id) with it; a stored
 * object written by an older version gains the entries added since (a new provider's defaults).
 */
export function readSettings(store: Store): Settings {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of KEYS) {
    const stored = store.settings.get(key);
    if (stored === undefined) continue;
    const fallback = DEFAULT_SETTINGS[key];
    const candidate = isRecord(stored) && isRecord(fallback) ? { ...fallback, ...stored } : stored;
    const parsed = SettingsSchema.shape[key].safeParse(candidate);
    if (parsed.success) settings[key] = parsed.data;
  }
  return SettingsSchema.parse(settings);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Changes the keys the patch gives; a key given as `undefined` (JSON callers can send that) keeps its value. */
export function writeSettings(store: Store, patch: Partial<Settings>): Settings {
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<Settings>;
  const next = SettingsSchema.parse({ ...readSettings(store), ...given });
  store.settings.setAll(Object.fromEntries(Object.keys(given).map((key) => [key, next[key as keyof Settings]])));
  return next;
}
