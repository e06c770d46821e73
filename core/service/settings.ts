import { SettingsSchema, type Settings } from '../api';
import type { Store } from '../store';
import { DEFAULT_PROVIDER_SETTINGS } from './provider-defaults';

export const DEFAULT_SETTINGS: Settings = {
  rater_id: null,
  mode: 'structure',
  prefetch: 3,
  enabled_providers: ['local'],
  show_parameters_to_trainers: true,
  prompt_auto_adopt: false,
  prefilter_candidates: { local: 6, leonardo: 6, stablediffusion: 6 },
  show_predictions_to_trainers: false,
  providers: DEFAULT_PROVIDER_SETTINGS,
  pack_size: 200,
  prefetch_max: 12,
};

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/** Settings live in SQLite, one row per key; unknown or invalid stored values fall back to defaults. */
export function readSettings(store: Store): Settings {
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of KEYS) {
    const stored = store.settings.get(key);
    if (stored === undefined) continue;
    // A provider added by a newer version has no stored row yet: it starts from its defaults.
    merged[key] = key === 'providers' ? { ...DEFAULT_PROVIDER_SETTINGS, ...(stored as object) } : stored;
  }
  const parsed = SettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export function writeSettings(store: Store, patch: Partial<Settings>): Settings {
  const next = SettingsSchema.parse({ ...readSettings(store), ...patch });
  store.db.transaction(() => {
    for (const key of Object.keys(patch) as (keyof Settings)[]) store.settings.set(key, next[key]);
  })();
  return next;
}
