import { z } from 'zod';
import { ModeSchema, SettingsSchema } from '../api';

/**
 * The contract's settings as stored: one row per key, as `settings.update` writes them. An object
 * keyed by provider may lack the providers added since it was written; the service fills those in
 * from its defaults.
 */
const CONTRACT_SETTINGS = {
  ...SettingsSchema.shape,
  prefilter_candidates: SettingsSchema.shape.prefilter_candidates.partial(),
  providers: SettingsSchema.shape.providers.partial(),
};

const positiveInteger = z.number().int().positive();
const phase1Override = z.enum(['stopped', 'resumed']).nullable();

/** What the app keeps in the settings table for itself: no `settings.*` call reads or writes these. */
const INTERNAL_SETTINGS = {
  /** Seeds every random choice of this workstation, so a restart proposes what it would have. */
  workstation_seed: z.number().int(),
  /** The last version current.json named validly: where the app falls back when that file breaks. */
  prompt_last_valid_current: z.string().min(1),
  /** The admin passphrase, only as its scrypt hash. */
  admin_passphrase_hash: z.object({
    algorithm: z.literal('scrypt'),
    N: positiveInteger,
    r: positiveInteger,
    p: positiveInteger,
    salt: z.string(),
    hash: z.string(),
  }),
  /** The prompt LLM's address and model; its key lives in the secret store. */
  prompts_llm: z.object({ base_url: z.string(), model: z.string(), timeout_s: z.number().positive() }).nullable(),
  /** The PostgreSQL address without its password (the password lives in the secret store). */
  sync_postgres: z.object({ connection_string: z.string() }).nullable(),
  /** The S3 bucket without its secret key (the key lives in the secret store). */
  sync_s3: z
    .object({ endpoint: z.string().nullable(), region: z.string(), bucket: z.string(), force_path_style: z.boolean(), access_key_id: z.string() })
    .nullable(),
  /** A pack of pairs being generated ahead for offline rating. */
  offline_pack: z.object({ mode: ModeSchema, size: z.number().int() }).nullable(),
  /** An admin's stop or resume of Phase 1, per mode. */
  'phase1_override:structure': phase1Override,
  'phase1_override:surfaces': phase1Override,
};

/** Every key the settings table may hold, with the type its value must have. */
export const SETTING_SCHEMAS = { ...CONTRACT_SETTINGS, ...INTERNAL_SETTINGS };
export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type StoredSettings = { [K in SettingKey]: z.infer<(typeof SETTING_SCHEMAS)[K]> };
export const INTERNAL_SETTING_KEYS = Object.keys(INTERNAL_SETTINGS) as (keyof typeof INTERNAL_SETTINGS)[];
