import { z } from 'zod';
import { RaterIdSchema } from './domain';

// Rater quality: per-rater figures and flags, and the admin's exclusion from learning.

const ProportionSchema = z.object({
  successes: z.number().int(),
  n: z.number().int(),
  value: z.number().nullable(),
  /** 95 % Wilson interval. */
  low: z.number().nullable(),
  high: z.number().nullable(),
});
const AlphaSchema = z.object({ value: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable(), units: z.number().int(), values: z.number().int() });
const CountedSchema = z.object({ value: z.number().nullable(), n: z.number().int() });

export const RaterFlagSchema = z.object({
  code: z.enum(['low_agreement', 'low_gold', 'too_fast', 'side_bias', 'straight_lining']),
  value: z.number(),
  threshold: z.number(),
});

export const RaterRowSchema = z.object({
  rater: z.string(),
  pairs: z.number().int(),
  gold: ProportionSchema,
  self_consistency: ProportionSchema,
  repeat_rating_difference: z.number().nullable(),
  /** Ordinal Krippendorff α against the other raters on shared pairs, with a 95 % bootstrap interval. */
  agreement: AlphaSchema,
  outcome_agreement: ProportionSchema,
  /**
   * Agreement on the overlap pairs alone (a share of the rated pairs offered to a second trainer
   * through the server): pairs compared, ordinal α with its interval, raw outcome agreement.
   */
  overlap: z.object({ pairs: z.number().int(), alpha: AlphaSchema, outcome_agreement: ProportionSchema }),
  median_seconds: CountedSchema,
  rating_variance: CountedSchema,
  left_choice: ProportionSchema.extend({ p: z.number() }),
  flags: z.array(RaterFlagSchema),
  /** Left out of learning (optimizer, reward model) by an admin; the ratings stay. */
  excluded: z.boolean(),
});

export const RatersReportSchema = z.object({
  raters: z.array(RaterRowSchema),
  team_median_seconds: CountedSchema,
  team_rating_variance: CountedSchema,
  thresholds: z.record(z.string(), z.number()),
  exclusions: z.array(z.object({ rater_id: z.string(), excluded: z.boolean(), decided_by: z.string(), decided_at: z.string() })),
});
export type RatersReport = z.infer<typeof RatersReportSchema>;

export const raterCalls = {
  'raters.report': { input: z.object({}).strict(), output: RatersReportSchema },
  'raters.exclude': {
    input: z.object({ rater_id: RaterIdSchema, excluded: z.boolean() }).strict(),
    output: RatersReportSchema,
  },
};
