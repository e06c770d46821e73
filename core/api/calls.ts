import { z } from 'zod';
import {
  EvolutionWaitSchema,
  ExperimentViewSchema,
  ImageRefSchema,
  ModeSchema,
  OptionLabelSchema,
  OutcomeSchema,
  ParametersSchema,
  ProviderIdSchema,
  QueueStateSchema,
  RaterIdSchema,
  SettingsSchema,
  SyncConfigInputSchema,
  SyncConfigViewSchema,
  SyncStatusSchema,
  SyncTestSchema,
} from './domain';
import { multilineText, text } from './text';
import { chartCalls } from './calls-charts';
import { exportCalls } from './calls-export';
import { promptCalls } from './calls-prompts';
import { providerCalls } from './calls-providers';
import { raterCalls } from './calls-raters';
import { rewardCalls } from './calls-reward';
import { sessionCalls } from './calls-session';
import type { CallName } from './names';

/** Upload limit of the contract; `core/images` enforces the same figure on decoded bytes. */
export const MAX_UPLOAD_BYTES = 40 * 1024 * 1024;

const Empty = z.object({}).strict();

const UploadSchema = z.object({
  name: text().max(255).default('upload'),
  data_base64: text()
    .min(1, 'the file is empty (0 bytes): choose a JPEG, PNG or WebP image')
    .max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4, `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: export a smaller JPEG or PNG`),
});

const TrainCreateInput = z
  .object({
    image: UploadSchema.optional(),
    sample_id: text().optional(),
    mode: ModeSchema,
    project_id: text().max(200).optional(),
    site_visit_id: text().max(200).optional(),
  })
  .strict()
  .refine((v) => (v.image === undefined) !== (v.sample_id === undefined), {
    message: 'give either an image or a sample_id, not both and not neither',
  });

const RatingValueSchema = z
  .number({ error: 'rating must be a whole number from 1 to 5' })
  .int('rating must be a whole number from 1 to 5')
  .min(1, 'rating must be a whole number from 1 to 5')
  .max(5, 'rating must be a whole number from 1 to 5');

const TrainRateInput = z
  .object({
    experiment_id: text().min(1),
    ratings: z
      .array(
        z.object({
          option: OptionLabelSchema,
          rating: RatingValueSchema,
          comments: multilineText().max(2000).default(''),
        }),
      )
      .length(2, 'rate both options A and B'),
    outcome: OutcomeSchema,
    rated_by: RaterIdSchema,
    shown_at: z.iso.datetime().optional(),
  })
  .strict()
  .refine((v) => new Set(v.ratings.map((r) => r.option)).size === 2, {
    message: 'rate both options A and B (each once)',
  });

const Phase1Schema = z.object({
  active: z.boolean(),
  /** Which engine proposes parameters (`bayesian`: GP + Expected Improvement). */
  proposer: z.string(),
  /** `initial-design` for the first space-filling points, then `model`. */
  stage: z.string(),
  samples_collected: z.number().int(),
  /**
   * The samples Phase 1 collects toward (the seed's 50) while its automatic rules apply; null once it
   * is complete or an admin keeps it running, when no count is aimed for any more.
   */
  target_samples: z.number().int().nullable(),
  /** The seed's raw best: the highest single rating given in this mode. */
  best_rating: z.number().nullable(),
  /** The recommendation's predicted rating (posterior mean, rater offsets removed) and 80% interval. */
  predicted_best_rating: z.number().nullable(),
  predicted_interval80: z.tuple([z.number(), z.number()]).nullable(),
  target_rating: z.number(),
  convergence: z.number().nullable(),
  estimated_trials_remaining: z.number().int().nullable(),
  /** Which stop rule ended Phase 1, if one did. */
  stop_rule: z.enum(['samples', 'best_rating', 'admin']).nullable(),
  /** The admin's override: `stopped`, `resumed` (keeps running past the automatic rules) or null. */
  override: z.enum(['stopped', 'resumed']).nullable(),
});

/** The trainer's own day at the workstation: what the rating screen's session bar shows. */
const SessionSchema = z.object({
  rater_id: z.string().nullable(),
  /** Pairs this rater rated since local midnight (undone ones not counted). */
  rated_today: z.number().int(),
  /** Pairs rated in the last 60 minutes: the pace per hour. */
  last_hour: z.number().int(),
  daily_goal: z.number().int(),
  /**
   * The rater's own gold pairs answered right, counted only some pairs after each was rated (so
   * none on screen is given away); null until enough are counted, or without a rater.
   */
  gold: z.object({ correct: z.number().int(), answered: z.number().int() }).nullable(),
});

const TrainStatusOutput = z.object({
  mode: ModeSchema,
  phase_1: Phase1Schema,
  phase_2: z.object({
    active: z.boolean(),
    training_samples: z.number().int(),
    model_accuracy: z.number().nullable(),
    ready_for_inference: z.boolean(),
  }),
  prompt_evolution: z.object({
    active: z.boolean(),
    current_version: z.string(),
    last_evolution: z.string().nullable(),
    next_evolution_at_sample: z.number().int().nullable(),
    /** Why no sample is named: an evolution runs, a paired test runs, a winner waits for an admin, the rating is at target, the current version is unrated. */
    next_evolution_waiting_for: EvolutionWaitSchema.nullable(),
  }),
  current_best: z
    .object({
      api: ProviderIdSchema,
      /** Predicted rating of the recommended parameters (the seed's `avg_rating`). */
      avg_rating: z.number(),
      interval80: z.tuple([z.number(), z.number()]),
      parameters: ParametersSchema,
    })
    .nullable(),
  session: SessionSchema,
});

/** The pair to show now, the ready pairs after it, and the queue: what `queue.next` answers. */
const QueueNextOutput = z.object({
  experiment: ExperimentViewSchema.nullable(),
  /** The ready pairs after it, in queue order: the renderer preloads their images. */
  upcoming: z.array(ExperimentViewSchema),
  queue: QueueStateSchema,
});

/**
 * The seed's answer, plus everything the next view needs (status, queue, next pair), taken after the
 * rating was saved: the renderer makes one round trip per rating, and the notice and the status
 * line come from the same answer, so they always agree.
 */
const TrainRateOutput = z.object({
  success: z.literal(true),
  message: z.string(),
  rating_id: z.string(),
  ml_updated: z.boolean(),
  current_best_rating: z.number().nullable(),
  /** Samples (rated options) of the rated pair's mode, this rating included. */
  samples_collected: z.number().int(),
  phase_1_complete: z.boolean(),
  /** `train.status` of the workstation's current mode, this rating included. */
  status: TrainStatusOutput,
  /** `queue.next` (without waiting) of the current mode, after this rating. */
  next: QueueNextOutput,
});

const HistoryOption = z.object({
  option: OptionLabelSchema,
  rating: z.number().nullable(),
  comments: z.string().nullable(),
  api: ProviderIdSchema,
  parameters: ParametersSchema,
  prompt_version: z.string(),
  image: ImageRefSchema.nullable(),
  /** The reward model's prediction made before the pair was rated; null when there was none. */
  predicted_rating: z.number().nullable(),
  /** What generating this option cost in US dollars, and how long it took (for admins). */
  cost_usd: z.number().nullable(),
  latency_ms: z.number().nullable(),
});

const TrainHistoryOutput = z.object({
  experiments: z.array(
    z.object({
      experiment_id: z.string(),
      created_at: z.string(),
      rated_at: z.string().nullable(),
      mode: ModeSchema,
      status: z.enum(['rated', 'skipped']),
      outcome: OutcomeSchema.nullable(),
      rated_by: z.string().nullable(),
      /** Whether the rater saw provider, parameters, prompt version or prediction; null: not recorded (or skipped). */
      details_shown: z.boolean().nullable(),
      skip_reason: z.string().nullable(),
      source: ImageRefSchema,
      options: z.array(HistoryOption),
    }),
  ),
  analytics: z.object({
    total_samples: z.number().int(),
    avg_rating: z.number().nullable(),
    /** Mean rating of each consecutive block of 10 samples, oldest first. */
    rating_trend: z.array(z.number()),
    best_parameters: ParametersSchema.nullable(),
    api_performance: z.record(z.string(), z.object({ avg_rating: z.number(), count: z.number().int() })),
    outcomes: z.record(z.string(), z.number().int()),
    /** How far each rater sits above (+) or below (−) the team, as the optimizer estimates it. */
    rater_offsets: z.record(z.string(), z.number()),
  }),
});

const SampleSchema = z.object({ id: z.string(), name: z.string(), image: ImageRefSchema });

/** Every call of the contract: its input and output schemas. Types come from these, never twice. */
export const calls = {
  'app.info': {
    input: Empty,
    output: z.object({
      version: z.string(),
      data_dir: z.string(),
      providers: z.array(
        z.object({ id: ProviderIdSchema, label: z.string(), available: z.boolean(), note: z.string() }),
      ),
    }),
  },
  'samples.list': { input: Empty, output: z.array(SampleSchema) },
  'settings.get': { input: Empty, output: SettingsSchema },
  'settings.update': { input: SettingsSchema.partial().strict(), output: SettingsSchema },
  'train.create': { input: TrainCreateInput, output: ExperimentViewSchema },
  'train.rate': { input: TrainRateInput, output: TrainRateOutput },
  'train.undo': {
    input: z.object({ rated_by: RaterIdSchema }).strict(),
    output: z.object({
      undone: z.object({ rating_id: z.string(), experiment_id: z.string() }).nullable(),
      samples_collected: z.number().int(),
    }),
  },
  'train.skip': {
    input: z
      .object({
        experiment_id: text().min(1),
        reason: multilineText().trim().min(1, 'say why you skip this pair').max(500),
        rated_by: RaterIdSchema,
      })
      .strict(),
    output: z.object({ skipped: z.literal(true), experiment_id: z.string() }),
  },
  'train.status': { input: z.object({ mode: ModeSchema.optional() }).strict(), output: TrainStatusOutput },
  'train.history': {
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(50),
        min_rating: z.number().min(1).max(5).optional(),
        api: ProviderIdSchema.optional(),
        mode: ModeSchema.optional(),
      })
      .strict(),
    output: TrainHistoryOutput,
  },
  'train.override': {
    input: z
      .object({
        mode: ModeSchema,
        /** `stop` ends Phase 1 now, `resume` keeps it running past the automatic rules, `auto` clears both. */
        phase_1: z.enum(['stop', 'resume', 'auto'], { error: 'phase_1 must be stop, resume or auto' }),
      })
      .strict(),
    output: TrainStatusOutput,
  },
  'queue.next': {
    input: z
      .object({
        /** Wait up to this long for a pair to finish generating when none is ready yet. */
        wait_ms: z.number().int().min(0).max(120_000).default(0),
      })
      .strict(),
    output: QueueNextOutput,
  },
  'queue.state': { input: Empty, output: QueueStateSchema },
  'sync.status': { input: Empty, output: SyncStatusSchema },
  'sync.now': {
    input: Empty,
    output: z.object({
      status: SyncStatusSchema,
      shipped: z.number().int(),
      pulled: z.object({ ratings: z.number().int(), experiments: z.number().int(), prompt_versions: z.number().int() }),
    }),
  },
  'sync.getConfig': { input: Empty, output: SyncConfigViewSchema },
  'sync.configure': { input: SyncConfigInputSchema, output: SyncConfigViewSchema },
  'sync.test': { input: Empty, output: SyncTestSchema },
  ...promptCalls,
  ...rewardCalls,
  ...providerCalls,
  ...raterCalls,
  ...chartCalls,
  ...sessionCalls,
  ...exportCalls,
} satisfies Record<CallName, { input: z.ZodType; output: z.ZodType }>;

export type Calls = typeof calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;
