import { z } from 'zod';
import { ModeSchema, ProviderIdSchema } from './domain';

// The History page's charts, computed in core: rating trend, providers, parameter effects from the
// Phase 1 model, prompt versions with their paired tests, and each rater's throughput.

const MeanIntervalSchema = z.object({
  n: z.number().int(),
  mean: z.number(),
  /** null below two ratings; cut to the rating scale 1–5 where the t-interval would reach beyond it. */
  low: z.number().nullable(),
  high: z.number().nullable(),
});

const BandPointSchema = z.object({ value: z.number(), mean: z.number(), low: z.number(), high: z.number() });

const ThroughputSchema = z.object({
  pairs: z.number().int(),
  /** null until two answers came less than a break apart. */
  pairs_per_hour: z.number().nullable(),
  rating_hours: z.number(),
  pairs_per_day: z.number(),
  /** UTC days with pairs, oldest first. */
  days: z.array(z.object({ day: z.string(), pairs: z.number().int() })),
});

export const KnobSchema = z.enum(['init_strength', 'guidance_scale', 'controlnet_weight']);

export const ChartsSchema = z.object({
  /** The mode the charts describe; null = both modes (parameter effects are always one mode's). */
  mode: ModeSchema.nullable(),
  trend: z.object({
    /** Ratings in the trailing moving average. */
    window: z.number().int(),
    points: z.array(z.object({ sample: z.number().int(), rating: z.number(), moving_average: z.number() })),
  }),
  providers: z.object({
    /** Confidence level of the intervals (Student t over the rated images). */
    level: z.number(),
    rows: z.array(MeanIntervalSchema.extend({ provider: ProviderIdSchema })),
  }),
  effects: z
    .object({
      mode: ModeSchema,
      /** Credible level of the bands (the Phase 1 posterior). */
      level: z.number(),
      /** Rated points the partial dependence averages over. */
      reference_points: z.number().int(),
      knobs: z.array(z.object({ knob: KnobSchema, points: z.array(BandPointSchema) })),
      providers: z.array(z.object({ provider: ProviderIdSchema, mean: z.number(), low: z.number(), high: z.number() })),
    })
    .nullable(),
  prompts: z.object({
    level: z.number(),
    current_version: z.string(),
    versions: z.array(MeanIntervalSchema.extend({ version: z.string() })),
    /** Paired A/B tests of candidates against the version current then, newest first. */
    tests: z.array(
      z.object({
        candidate: z.string(),
        baseline: z.string(),
        pairs: z.number().int(),
        mean_difference: z.number().nullable(),
        p_better_rating: z.number(),
        p_preferred: z.number(),
        verdict: z.enum(['candidate_better', 'keep_current', 'undecided']),
      }),
    ),
  }),
  throughput: z.object({
    /** Gaps between answers longer than this are breaks, not rating time. */
    break_minutes: z.number(),
    /** Every rater together: pairs per day summed, pairs per hour of one rater's rating time. */
    team: ThroughputSchema,
    /** Each rater an admin sees; a trainer sees only their own row (other raters' figures are the admin's). */
    raters: z.array(ThroughputSchema.extend({ rater: z.string() })),
    /** Raters in the team total whose own rows this caller may not see; 0 for an admin. */
    hidden_raters: z.number().int(),
  }),
});
export type Charts = z.infer<typeof ChartsSchema>;

export const chartCalls = {
  'charts.history': {
    input: z.object({ mode: ModeSchema.optional() }).strict(),
    output: ChartsSchema,
  },
};
