import { z } from 'zod';
import { ModeSchema, OptionLabelSchema } from './domain';
import { text } from './text';

// The reward model's calls (Phase 2), merged into the contract's calls map in calls.ts.

const MetricsSchema = z.object({
  samples: z.number().int(),
  mae: z.number().nullable(),
  /** The seed's "within ±0.5 points": share of held-out ratings predicted that closely. */
  within_half: z.number().nullable(),
  /** Share of held-out decisive pairs (A or B preferred) the model orders as the trainer did. */
  pairwise_accuracy: z.number().nullable(),
  decisive_pairs: z.number().int(),
  spearman: z.number().nullable(),
});

export const RewardStatusSchema = z.object({
  /**
   * `collecting`: too few rated images to train; `training`: a run is in progress; `not_ready`: a
   * model exists but fails the readiness rule; `ready`: predictions pre-filter candidates;
   * `failed`: the last run failed (see message) and the previous model, if any, stays in use.
   */
  state: z.enum(['collecting', 'training', 'not_ready', 'ready', 'failed']),
  message: z.string(),
  training: z.boolean(),
  /** The features a new model would use: classical only, or CLIP embedding plus classical. */
  feature_set: z.string(),
  clip: z.object({ state: z.enum(['installed', 'not_installed', 'invalid']), message: z.string() }),
  /** Rated option images on this workstation (each pair gives two). */
  training_samples: z.number().int(),
  /** Rated images that could not be read or decoded, left out of training. */
  skipped_images: z.number().int(),
  min_training_samples: z.number().int(),
  ready_min_samples: z.number().int(),
  pairwise_threshold: z.number(),
  retrain_every: z.number().int(),
  next_training_at_samples: z.number().int().nullable(),
  model: z
    .object({
      id: z.string(),
      created_at: z.string(),
      feature_set: z.string(),
      training_samples: z.number().int(),
      heads: z.number().int(),
      ready: z.boolean(),
      readiness: z.string(),
      metrics: MetricsSchema,
      /** The same held-out ratings predicted by the training mean: what the model must beat. */
      baseline: MetricsSchema,
      epochs: z.array(z.object({ epochs: z.number().int(), best_epoch: z.number().int(), stopped_early: z.boolean() })),
    })
    .nullable(),
  /**
   * Rated pairs the model had predicted beforehand, and how often it favoured the option the trainer
   * preferred (core/reward/math/agreement.ts). Counted: images that differ, the trainer chose A or B,
   * the model rated one above the other; the others are in `excluded`.
   */
  agreement: z.object({
    pairs: z.number().int(),
    agreed: z.number().int(),
    rate: z.number().nullable(),
    /** 95 % Wilson interval of `rate`. */
    low: z.number().nullable(),
    high: z.number().nullable(),
    /** Always naming the side trainers chose more often in the same pairs; chance is 50 %. */
    baseline: z.object({ side: z.enum(['A', 'B']).nullable(), agreed: z.number().int(), rate: z.number().nullable() }),
    excluded: z.object({
      /** The two images were the same, or could not be told apart. */
      indistinct: z.number().int(),
      /** The trainer chose a tie or "both bad". */
      ties: z.number().int(),
      /** The model predicted the same rating for both. */
      prediction_ties: z.number().int(),
    }),
  }),
  last_error: z.string().nullable(),
});
export type RewardStatus = z.infer<typeof RewardStatusSchema>;

const PredictionSchema = z.object({
  option: OptionLabelSchema,
  option_id: z.string(),
  predicted_rating: z.number().nullable(),
  /** Standard deviation over the ensemble's heads: high where the model has seen little alike. */
  uncertainty: z.number().nullable(),
  model_id: z.string().nullable(),
});

export const rewardCalls = {
  'reward.status': { input: z.object({ mode: ModeSchema.optional() }).strict(), output: RewardStatusSchema },
  'reward.train': { input: z.object({}).strict(), output: RewardStatusSchema },
  'reward.predictions': {
    input: z.object({ experiment_id: text().min(1, 'give the experiment_id of a pair') }).strict(),
    output: z.object({
      experiment_id: z.string(),
      options: z.array(PredictionSchema),
      /** What the pre-filter did for this pair (candidates and their predictions), if it chose it. */
      prefilter: z
        .object({
          model_id: z.string(),
          slots: z.array(
            z.object({
              option: OptionLabelSchema,
              chosen_as: z.enum(['best', 'uncertain']),
              candidates: z.array(z.object({ parameters: z.record(z.string(), z.unknown()), predicted_rating: z.number().nullable(), uncertainty: z.number().nullable(), chosen: z.boolean() })),
            }),
          ),
        })
        .nullable(),
    }),
  },
};
