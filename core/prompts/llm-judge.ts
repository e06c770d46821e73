import { z } from 'zod';
import { normalisePhrase } from './phrases';

// The second guardrail layer: an LLM, asked independently of the rules, says of every added or
// changed phrase whether it changes what is in the room or only how the render shows it. The answer
// must be exactly the JSON asked for (a strict schema, checked with zod, one entry per phrase);
// anything else is a failure, and the candidate then waits for an admin.

export const JUDGE_SCHEMA_NAME = 'guardrail_judgement';

export const JudgeAnswerSchema = z
  .object({
    phrases: z.array(
      z.object({ phrase: z.string(), changes_content: z.boolean(), reason: z.string() }).strict(),
    ),
  })
  .strict();
export type PhraseVerdict = z.infer<typeof JudgeAnswerSchema>['phrases'][number];

/** The JSON schema sent as `response_format`, the same shape as JudgeAnswerSchema. */
export const JUDGE_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['phrases'],
  properties: {
    phrases: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['phrase', 'changes_content', 'reason'],
        properties: { phrase: { type: 'string' }, changes_content: { type: 'boolean' }, reason: { type: 'string' } },
      },
    },
  },
} as const;

export const JUDGE_SYSTEM = [
  'You review changes to a text-to-image prompt that enhances photos of interiors. An enhanced render may change how the',
  'room looks, never what is in it. For each phrase you are given, decide whether it changes the scene content: objects,',
  'furniture, materials, colours of elements, layout, room size, the style of the furnishing, adding or removing',
  'elements. Phrases about rendering quality do not: lighting realism, lens, focus, sharpness, noise, reflections,',
  'textures rendered more faithfully, colour accuracy, exposure. A phrase in any language counts by its meaning.',
  'Answer with JSON only: {"phrases": [{"phrase": "...", "changes_content": true|false, "reason": "..."}]},',
  'one entry per given phrase, in the given order, with the phrase copied exactly.',
].join(' ');

export const judgeUserMessage = (currentPrompt: string, phrases: readonly string[]): string =>
  JSON.stringify({ current_prompt: currentPrompt, changed_phrases: phrases });

/** Checks the parsed answer against the phrases asked about; a problem in words, or the verdicts in order. */
export function readJudgeAnswer(parsed: unknown, phrases: readonly string[]): { ok: true; verdicts: PhraseVerdict[] } | { ok: false; problem: string } {
  const shaped = JudgeAnswerSchema.safeParse(parsed);
  if (!shaped.success) {
    return { ok: false, problem: shaped.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ') };
  }
  const answered = shaped.data.phrases;
  const missing = phrases.filter((p) => !answered.some((a) => normalisePhrase(a.phrase) === normalisePhrase(p)));
  if (missing.length > 0 || answered.length !== phrases.length) {
    return { ok: false, problem: `it judged ${answered.length} phrases for ${phrases.length} asked${missing.length ? `, without "${missing[0]}"` : ''}` };
  }
  return { ok: true, verdicts: phrases.map((p) => answered.find((a) => normalisePhrase(a.phrase) === normalisePhrase(p))!) };
}
