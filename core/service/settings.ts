import { SettingsSchema, type Settings } from '../api';
import type { Store } from '../store';

export const DEFAULT_SETTINGS: Settings = {
  rater_id: null,
  mode: 'structure',
  prefetch: 3,
  enabled_providers: ['local'],
  show_parameters_to_trainers: true,
  prompt_auto_adopt: false,
  prefilter_candidates: { local: 6, leonardo: 6, stablediffusion: 6, comfyui: 6, automatic1111: 6 },
  show_predictions_to_trainers: false,
};

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/** Settings live in SQLite, one row per key; unknown or invalid stored values fall back to defaults. */
export function readSettings(store: Store): Settings {
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of KEYS) {
    const stored = store.settings.get(key);
    if (stored !== undefined) merged[key] = stored;
  }
  const parsed = SettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Changes the keys the patch gives; a key given as `undefined` (JSON callers can send that) keeps its value. */
export function writeSettings(store: Store, patch: Partial<Settings>): Settings {
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<Settings>;
  const next = SettingsSchema.parse({ ...readSettings(store), ...given });
  store.db.transaction(() => {
    for (const key of Object.keys(given) as (keyof Settings)[]) store.settings.set(key, next[key]);
  })();
  return next;
}
