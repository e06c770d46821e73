import { z } from 'zod';
import { EvolutionWaitSchema, RaterIdSchema } from './domain';
import { multilineText, text } from './text';

// The contract of the Prompts page: versions with their performance, evolutions and their
// candidates (evolver reasoning, guardrail verdicts, paired tests), decisions, and the LLM settings.

const Empty = z.object({}).strict();
const VersionName = text().regex(/^v\d+\.\d+\.\d+$/, 'a version looks like v1.2.0');
const Note = multilineText().trim().max(1000, 'the note is too long (1000 characters at most)').optional();

const PerformanceSchema = z.object({
  avg_rating: z.number().nullable(),
  sample_count: z.number().int(),
  win_rate: z.number().nullable(),
  last_used: z.string().nullable(),
});

const LeonardoBlockSchema = z.object({
  prompt: z.string(),
  negative_prompt: z.string(),
  init_strength: z.number(),
  guidance_scale: z.number(),
  controlnet_weight: z.number(),
});
const StableDiffusionBlockSchema = z.object({
  prompt: z.string(),
  negative_prompt: z.string(),
  strength: z.number(),
  guidance_scale: z.number(),
  controlnet_conditioning_scale: z.number(),
});

export const PromptVersionSummarySchema = z.object({
  version: z.string(),
  origin: z.enum(['bundled', 'local']),
  parent_version: z.string().nullable(),
  created_at: z.string(),
  created_by: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  prompt: z.string(),
  negative_prompt: z.string(),
  performance: PerformanceSchema,
  current: z.boolean(),
});

const FailureSchema = z.object({ message: z.string(), action: z.string() });

const DecisionSummarySchema = z.object({
  pairs: z.number().int(),
  mean_difference: z.number().nullable(),
  p_better_rating: z.number(),
  p_preferred: z.number(),
  wins: z.object({ candidate: z.number().int(), current: z.number().int(), ties: z.number().int(), both_bad: z.number().int() }),
  verdict: z.enum(['candidate_better', 'keep_current', 'undecided']),
});

const PhraseVerdictSchema = z.object({ phrase: z.string(), changes_content: z.boolean(), reason: z.string() });
const GuardrailLayersSchema = z.object({
  rules: z.array(z.object({ phrase: z.string(), changes_content: z.boolean() })),
  llm: z.discriminatedUnion('status', [
    z.object({ status: z.literal('not_configured') }),
    z.object({ status: z.literal('answered'), phrases: z.array(PhraseVerdictSchema) }),
    z.object({ status: z.literal('failed'), message: z.string(), action: z.string() }),
  ]),
});

export const CandidateViewSchema = z.object({
  id: z.string(),
  variant: z.number().int(),
  version: z.string().nullable(),
  /** `no_visible_effect`: its outputs could not be told apart from the current version's, so it left its test unrated. */
  status: z.enum(['failed', 'rejected', 'queued', 'testing', 'won', 'lost', 'approved', 'declined', 'no_visible_effect']),
  prompt: z.string().nullable(),
  negative_prompt: z.string().nullable(),
  changes: z.array(z.string()),
  reasoning: z.string().nullable(),
  expected_improvement: z.string().nullable(),
  guardrails: z
    .object({
      passed: z.boolean(),
      reasons: z.array(z.string()),
      warnings: z.array(z.string()),
      /** The layers disagree or the LLM judge failed: the candidate waits for an admin. */
      needs_admin: z.boolean().optional(),
      layers: GuardrailLayersSchema.optional(),
    })
    .nullable(),
  error: FailureSchema.nullable(),
  test: z
    .object({
      file: z.string().nullable(),
      baseline_version: z.string(),
      pairs_rated: z.number().int(),
      pairs_target: z.number().int(),
      decision: DecisionSummarySchema.nullable(),
    })
    .nullable(),
  decision: z.object({ action: z.string(), decided_by: z.string(), decided_at: z.string(), note: z.string().nullable() }).nullable(),
});

export const EvolutionViewSchema = z.object({
  id: z.string(),
  trigger: z.enum(['every_10_samples', 'low_performance', 'plateau', 'manual']),
  requested_by: z.string().nullable(),
  evolver: z.enum(['llm', 'offline', 'admin']),
  model: z.string().nullable(),
  status: z.enum(['running', 'done', 'failed']),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  at_sample: z.number().int(),
  parent_version: z.string(),
  issues: z.array(z.string()),
  error: FailureSchema.nullable(),
  usage: z.object({ prompt_tokens: z.number().int(), completion_tokens: z.number().int(), total_tokens: z.number().int() }).nullable(),
  attempts: z.number().int().nullable(),
  candidates: z.array(CandidateViewSchema),
});

const PromptsOverviewSchema = z.object({
  current_version: z.string(),
  auto_adopt: z.boolean(),
  llm_configured: z.boolean(),
  samples: z.number().int(),
  /** The sample count at which the next evolution starts by itself; null while `next_evolution_waiting_for` says why none can be named. */
  next_evolution_at_sample: z.number().int().nullable(),
  next_evolution_waiting_for: EvolutionWaitSchema.nullable(),
  running: z.boolean(),
  decision_rule: z.string(),
  versions: z.array(PromptVersionSummarySchema),
  problems: z.array(z.object({ file: z.string(), message: z.string() })),
  evolutions: z.array(EvolutionViewSchema),
  decisions: z.array(
    z.object({
      id: z.string(),
      action: z.enum(['approve', 'reject', 'rollback', 'auto_adopt']),
      version: z.string(),
      previous_version: z.string().nullable(),
      decided_by: z.string(),
      decided_at: z.string(),
      note: z.string().nullable(),
    }),
  ),
});

const DiffPartSchema = z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() });

const LlmConfigViewSchema = z.object({
  configured: z.boolean(),
  base_url: z.string().nullable(),
  model: z.string().nullable(),
  timeout_s: z.number().int(),
  has_key: z.boolean(),
});

export const LlmConfigInputSchema = z
  .object({
    llm: z
      .object({
        base_url: text()
          .trim()
          .regex(/^https?:\/\/[^\s/]+/i, 'the base URL must be a URL starting with http:// or https://, e.g. https://api.openai.com/v1 or http://localhost:11434/v1')
          .refine((url) => !/^https?:\/\/[^/]*@/i.test(url), 'the base URL must not contain a user name or key: put the key in the API key field, which is kept in the OS keychain'),
        model: text().trim().min(1, 'give the model name, e.g. gpt-4o-mini or llama3.1'),
        timeout_s: z.number().int().min(5, 'the timeout is at least 5 s').max(600, 'the timeout is at most 600 s').default(60),
        /** Omit to keep the stored key; an empty string removes it (local servers need none). */
        api_key: text().optional(),
      })
      .strict()
      .nullable(),
  })
  .strict();

export const promptCalls = {
  'prompts.list': { input: Empty, output: PromptsOverviewSchema },
  'prompts.get': {
    input: z.object({ version: VersionName }).strict(),
    output: z.object({
      version: z.string(),
      created_at: z.string(),
      created_by: z.string(),
      parent_version: z.string().nullable(),
      leonardo: LeonardoBlockSchema,
      stablediffusion: StableDiffusionBlockSchema,
      performance: PerformanceSchema,
      metadata: z.record(z.string(), z.unknown()),
    }),
  },
  /** One evolution by id, as in `prompts.list` (which keeps only the latest 20). */
  'prompts.evolution': {
    input: z.object({ id: text().min(1, 'give the evolution id that "Evolve now" returned') }).strict(),
    output: EvolutionViewSchema,
  },
  'prompts.diff': {
    input: z.object({ from: VersionName, to: VersionName }).strict(),
    output: z.object({ from: z.string(), to: z.string(), prompt: z.array(DiffPartSchema), negative_prompt: z.array(DiffPartSchema) }),
  },
  'prompts.evolve': {
    input: z.object({ requested_by: RaterIdSchema }).strict(),
    output: z.object({ evolution_id: z.string() }),
  },
  'prompts.edit': {
    input: z
      .object({
        prompt: multilineText().trim().min(1, 'the prompt is empty: write the phrases, separated by commas').max(1500, 'the prompt is longer than 1500 characters'),
        negative_prompt: multilineText().trim().max(1500, 'the negative prompt is longer than 1500 characters'),
        edited_by: RaterIdSchema,
        note: Note,
      })
      .strict(),
    output: PromptsOverviewSchema,
  },
  'prompts.decide': {
    input: z
      .object({
        candidate_id: text().min(1),
        decision: z.enum(['approve', 'reject'], { error: 'decision must be approve or reject' }),
        decided_by: RaterIdSchema,
        note: Note,
      })
      .strict(),
    output: PromptsOverviewSchema,
  },
  'prompts.rollback': {
    input: z.object({ version: VersionName, decided_by: RaterIdSchema, note: Note }).strict(),
    output: PromptsOverviewSchema,
  },
  'prompts.getLlmConfig': { input: Empty, output: LlmConfigViewSchema },
  'prompts.configureLlm': { input: LlmConfigInputSchema, output: LlmConfigViewSchema },
  'prompts.testLlm': {
    input: Empty,
    output: z.object({ ok: z.boolean(), message: z.string(), action: z.string().nullable(), attempts: z.number().int() }),
  },
} as const;
