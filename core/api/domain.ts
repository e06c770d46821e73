import { z } from 'zod';
import { text } from './text';

// The seed's parameter space ("Parameter Space (What We're Optimizing)"). These ranges are part of
// the contract: a parameter outside them is refused at the boundary.
export const PARAMETER_RANGES = {
  init_strength: { min: 0.1, max: 0.5 },
  guidance_scale: { min: 5, max: 12 },
  controlnet_weight: { min: 0.7, max: 0.99 },
} as const;

export const MODES = ['structure', 'surfaces'] as const;
export const ModeSchema = z.enum(MODES, { error: 'mode must be "structure" or "surfaces"' });
export type Mode = z.infer<typeof ModeSchema>;

/**
 * `local` is the embedded offline enhancer; `leonardo` and `stablediffusion` (on Replicate) are the
 * seed's remote APIs; `comfyui` and `automatic1111` are diffusion servers a studio runs itself.
 */
export const PROVIDER_IDS = ['local', 'leonardo', 'stablediffusion', 'comfyui', 'automatic1111'] as const;
export const ProviderIdSchema = z.enum(PROVIDER_IDS);
export type ProviderId = z.infer<typeof ProviderIdSchema>;

const bounded = (name: keyof typeof PARAMETER_RANGES) => {
  const { min, max } = PARAMETER_RANGES[name];
  return z
    .number({ error: `${name} must be a number` })
    .refine(Number.isFinite, `${name} must be a finite number`)
    .refine((v) => v >= min && v <= max, `${name} must lie in [${min}, ${max}]`);
};

// Each provider names its parameters as in the seed's suggestion format: Leonardo (and the local
// enhancer, ComfyUI and AUTOMATIC1111) `init_strength`/`controlnet_weight`, Stable Diffusion on
// Replicate `strength`/`controlnet_conditioning_scale`. Whatever the name, the values are the
// canonical knobs (core/generation/knobs.ts): init strength higher = closer to the source render.
export const LeonardoStyleParametersSchema = z.object({
  api: z.enum(['local', 'leonardo', 'comfyui', 'automatic1111']),
  init_strength: bounded('init_strength'),
  guidance_scale: bounded('guidance_scale'),
  controlnet_weight: bounded('controlnet_weight'),
});

export const StableDiffusionParametersSchema = z.object({
  api: z.literal('stablediffusion'),
  strength: bounded('init_strength'),
  guidance_scale: bounded('guidance_scale'),
  controlnet_conditioning_scale: bounded('controlnet_weight'),
});

export const ParametersSchema = z.discriminatedUnion('api', [
  LeonardoStyleParametersSchema,
  StableDiffusionParametersSchema,
]);
export type Parameters = z.infer<typeof ParametersSchema>;

export const OPTION_LABELS = ['A', 'B'] as const;
export const OptionLabelSchema = z.enum(OPTION_LABELS);
export type OptionLabel = z.infer<typeof OptionLabelSchema>;

/** The pairwise outcome of one A/B round. */
export const OUTCOMES = ['A', 'B', 'tie', 'both_bad'] as const;
/** Why no sample can be named for the next prompt evolution (core/prompts/triggers.ts). */
export const EvolutionWaitSchema = z.enum(['evolution_running', 'paired_test', 'admin_review', 'rating_at_target', 'current_unrated']);
export type EvolutionWait = z.infer<typeof EvolutionWaitSchema>;

export const OutcomeSchema = z.enum(OUTCOMES, { error: 'outcome must be one of A, B, tie, both_bad' });
export type Outcome = z.infer<typeof OutcomeSchema>;

export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in lowercase hex');

export const ImageRefSchema = z.object({
  sha256: Sha256Schema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp']),
});
export type ImageRef = z.infer<typeof ImageRefSchema>;

export const OptionStatusSchema = z.enum(['pending', 'ready', 'failed']);

export const OptionViewSchema = z.object({
  option: OptionLabelSchema,
  option_id: z.string(),
  provider: ProviderIdSchema,
  parameters: ParametersSchema,
  prompt_version: z.string(),
  status: OptionStatusSchema,
  image: ImageRefSchema.nullable(),
  error: z.string().nullable(),
  metadata: z.object({
    latency_ms: z.number().nullable(),
    cost_usd: z.number().nullable(),
    seed: z.number().int(),
    /** Where the parameters came from: the seed's current values, a seeded draw, or the optimizer. */
    origin: z.string(),
  }),
  /** Reward-model prediction; null until that model exists and is ready. */
  predicted_rating: z.number().nullable(),
});
export type OptionView = z.infer<typeof OptionViewSchema>;

/** `indistinct`: its two options could not be told apart, so it was never shown (core/queue/README.md). */
export const ExperimentStatusSchema = z.enum(['generating', 'ready', 'rated', 'skipped', 'failed', 'indistinct']);
export type ExperimentStatus = z.infer<typeof ExperimentStatusSchema>;

export const ExperimentViewSchema = z.object({
  experiment_id: z.string(),
  mode: ModeSchema,
  status: ExperimentStatusSchema,
  created_at: z.string(),
  source: ImageRefSchema.extend({ name: z.string() }),
  options: z.array(OptionViewSchema),
  error: z.string().nullable(),
});
export type ExperimentView = z.infer<typeof ExperimentViewSchema>;

/** Why a provider takes no new job now: all its slots are in use, its request rate, its daily cap, or it failed and is paused. */
export const ProviderHoldSchema = z.enum(['busy', 'rate_limited', 'at_cap', 'set_aside']);
export type ProviderHold = z.infer<typeof ProviderHoldSchema>;

export const QueueStateSchema = z.object({
  /** Pairs kept ready: follows the trainer's pace and the providers' latency. */
  target: z.number().int(),
  ready: z.number().int(),
  generating: z.number().int(),
  failed: z.number().int(),
  /** Pairs set aside unseen because their two options could not be told apart, and proposals replaced for that reason in pairs then shown. */
  indistinct: z.object({ dropped: z.number().int(), replaced: z.number().int() }),
  next_experiment_id: z.string().nullable(),
  last_error: z.string().nullable(),
  /** Enabled providers that take no new job now (not `busy`, which is normal), and until when. */
  held: z.array(z.object({ provider: ProviderIdSchema, reason: ProviderHoldSchema, until: z.string().nullable() })),
  /** A pack of pairs generated ahead for rating offline: its size and how many of it are ready. */
  pack: z.object({ size: z.number().int(), ready: z.number().int(), generating: z.number().int() }).nullable(),
});
export type QueueState = z.infer<typeof QueueStateSchema>;

export const RaterIdSchema = text({ error: 'rated_by must be your name or e-mail' })
  .trim()
  .min(2, 'rated_by must be your name or e-mail (at least 2 characters)')
  .max(120, 'rated_by is too long (120 characters at most)');

/** What the outbox holds that is not on the server yet, by what each record is. */
export const PendingRecordsSchema = z.object({
  ratings: z.number().int(),
  /** Ratings taken back (U). */
  undos: z.number().int(),
  skips: z.number().int(),
  /** Generated pairs (rated or not): the server keeps them beside the ratings. */
  pairs: z.number().int(),
  /** Images, prompt versions and prompt decisions. */
  other: z.number().int(),
});
export type PendingRecords = z.infer<typeof PendingRecordsSchema>;

export const SyncStateSchema = z.enum(['not_configured', 'idle', 'syncing', 'offline', 'error']);
export type SyncState = z.infer<typeof SyncStateSchema>;

/** Why the last sync failed, for the person at the workstation, and what to do about it. */
export const SyncProblemSchema = z.object({
  message: z.string(),
  action: z.string(),
  /** True when the sync retries by itself (offline, a server hiccup); false when a person must act. */
  retrying: z.boolean(),
});
export type SyncProblem = z.infer<typeof SyncProblemSchema>;

export const SyncStatusSchema = z.object({
  state: SyncStateSchema,
  /** Records written here and not yet on the server, of every kind: the sum of `pending_by_kind`. */
  pending: z.number().int(),
  pending_by_kind: PendingRecordsSchema,
  /** Records the server refused for good and set aside so the rest could ship; the admin is told. */
  refused: z.number().int(),
  last_success_at: z.string().nullable(),
  last_error: SyncProblemSchema.nullable(),
  /** Set while the PostgreSQL connection is configured without encryption or certificate checks. */
  connection_warning: SyncProblemSchema.omit({ retrying: true }).nullable(),
  /** When the next automatic attempt runs, while started and retrying. */
  next_attempt_at: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

/** What "test connection" found for one server, without shipping anything. */
export const ConnectionCheckSchema = z.object({ ok: z.boolean(), message: z.string(), action: z.string().nullable() });
export type ConnectionCheck = z.infer<typeof ConnectionCheckSchema>;

/** What the sync settings show: never a password or a secret key, only whether one is stored. */
export const SyncConfigViewSchema = z.object({
  postgres: z.object({ connection_string: z.string(), has_password: z.boolean() }).nullable(),
  s3: z
    .object({
      endpoint: z.string().nullable(),
      region: z.string(),
      bucket: z.string(),
      force_path_style: z.boolean(),
      access_key_id: z.string(),
      has_secret: z.boolean(),
    })
    .nullable(),
});

export const SyncConfigInputSchema = z
  .object({
    postgres: z
      .object({
        connection_string: text()
          .trim()
          .regex(/^postgres(ql)?:\/\//, 'the PostgreSQL connection string starts with postgres://'),
        /** Omit to keep the stored password. */
        password: text().optional(),
      })
      .nullable(),
    s3: z
      .object({
        endpoint: text().trim().url('the S3 endpoint must be a URL, or empty for AWS').nullable(),
        region: text().trim().min(1, 'give the S3 region (e.g. eu-central-1)'),
        bucket: text().trim().min(3, 'give the S3 bucket name'),
        force_path_style: z.boolean(),
        access_key_id: text().trim().min(1, 'give the S3 access key id'),
        /** Omit to keep the stored secret. */
        secret_access_key: text().optional(),
      })
      .nullable(),
  })
  .strict();

export const SyncTestSchema = z.object({ postgres: ConnectionCheckSchema.nullable(), s3: ConnectionCheckSchema.nullable() });

const https = (url: string) => /^https?:\/\//i.test(url);

/** One provider's connection, model, price and limits; its key lives in the secret store, never here. */
export const ProviderSettingsSchema = z.object({
  /** The API's address; https except on this machine (loopback). */
  base_url: text().trim().url('the base URL must be a full URL such as https://…').refine(https, 'the base URL must start with https:// (or http:// on this machine)'),
  /** Model, version or checkpoint id as the provider names it; null for the adapter's default. */
  model: text().trim().min(1).max(300).nullable(),
  /** ControlNet model or preprocessor id where the provider needs one; null for the adapter's default. */
  controlnet_model: text().trim().min(1).max(300).nullable(),
  /** US dollars per unit the provider bills: per credit (Leonardo), per second of predict time (Replicate), per image otherwise. */
  price_usd: z.number().min(0).max(1000),
  concurrency: z.number().int().min(1, 'at least 1 job at a time').max(50, 'at most 50 jobs at a time'),
  requests_per_minute: z.number().int().min(1, 'at least 1 request a minute').max(6000),
  /** US dollars a UTC day; null for no cap. */
  daily_cap_usd: z.number().min(0).max(100_000).nullable(),
});
export type ProviderSettings = z.infer<typeof ProviderSettingsSchema>;

export const SettingsSchema = z.object({
  rater_id: RaterIdSchema.nullable(),
  mode: ModeSchema,
  prefetch: z.number().int().min(1).max(10),
  enabled_providers: z.array(ProviderIdSchema).min(1),
  /**
   * Provider, parameters and prompt version on each pane of the rating screen. Off by default: the
   * trainer rates blind, and each rating records whether details were on screen (`details_shown`).
   */
  show_parameters_to_trainers: z.boolean(),
  /** A candidate prompt that wins its paired test becomes current without waiting for an admin. */
  prompt_auto_adopt: z.boolean(),
  /** Reward-model pre-filter: candidates generated per slot, per provider (1 turns it off; remote ones cost money). */
  prefilter_candidates: z.object(
    Object.fromEntries(PROVIDER_IDS.map((id) => [id, z.number().int().min(1, 'at least 1 candidate').max(12, 'at most 12 candidates')])) as Record<ProviderId, z.ZodNumber>,
  ),
  /** Predicted ratings on the rating screen; off by default so trainers are not anchored by them. */
  show_predictions_to_trainers: z.boolean(),
  providers: z.object(Object.fromEntries(PROVIDER_IDS.map((id) => [id, ProviderSettingsSchema])) as Record<ProviderId, typeof ProviderSettingsSchema>),
  /** Pairs a pack for offline rating holds (e.g. a day's worth). */
  pack_size: z.number().int().min(1).max(2000),
  /** Most pairs the queue keeps ready or generating, whatever the pace and latency ask for. */
  prefetch_max: z.number().int().min(1).max(50),
  /** Pairs a trainer aims to rate in a day, set by an admin; the rating screen shows progress against it. */
  daily_goal: z.number().int().min(1).max(5000),
  /** Share of new pairs that are gold pairs (one option deliberately broken), to measure the trainers. */
  gold_pair_rate: z.number().min(0).max(0.5),
  /** Share of new pairs that show an already-rated pair again, sides swapped, to measure self-consistency. */
  repeat_pair_rate: z.number().min(0).max(0.5),
  /**
   * Where sync is set up, share of the team's rated pairs offered to a second trainer through the
   * server, so agreement can be measured across people. Every workstation should hold the same share.
   */
  overlap_share: z.number().min(0).max(0.5, 'at most 0.5: half the pairs rated twice'),
  /** Raters the admin took out of learning (optimizer, reward model); their ratings stay and are still shown. */
  excluded_raters: z.array(RaterIdSchema).max(1000),
});
export type Settings = z.infer<typeof SettingsSchema>;
