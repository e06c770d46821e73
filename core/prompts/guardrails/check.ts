import { estimateClipTokens } from '../clip-tokens';
import { isPreservation } from '../offline-evolver';
import { normalisePhrase, samePhrases, splitPhrases } from '../phrases';
import { promptPhrases } from './clauses';
import { judgeNegative, judgePhrase, type PhraseJudgement } from './meaning';
import type { Aspect } from './noun-phrase';
import { phraseKey } from './words';

// What a variant must pass before it becomes a version and is A/B tested: an evolved prompt may
// change how a render looks, never what is in it. The candidate is compared with the current prompt
// phrase by phrase; every added or changed phrase is judged for its meaning (meaning.ts), every
// phrase that preserved the layout, materials or colours must survive (in any spelling or order),
// and the prompt must fit each provider's limits. Every rejection carries its reason for admins.

/** Leonardo's prompt limit, and the schema's `maxLength` for both blocks. */
export const MAX_PROMPT_CHARS = 1500;

export interface GuardrailVerdict {
  passed: boolean;
  reasons: string[];
  warnings: string[];
}

const ASPECT_REASON: Record<Aspect, string> = {
  change: 'asks to change the layout, shapes, materials or colours (the seed\'s preservation rules)',
  object: 'adds, removes or changes an element of the room, which would change the layout',
  material: 'names a material for an element, which would change the materials',
  colour: 'names a colour for an element, which would change the colours',
  style: 'asks for a style of furnishing, which would change the furniture and materials',
  size: 'asks for a different size or layout of the room or an element, which would change the layout',
};

function reasonFor(phrase: string, judged: PhraseJudgement): string | null {
  if (judged.verdict === 'quality') return null;
  const where = judged.clause === phrase ? '' : ` (in "${judged.clause}")`;
  if (judged.verdict === 'unjudged') {
    return `"${phrase}" is not in English${where}; these guardrails cannot judge what it asks, so it is refused. Write the phrase in English`;
  }
  return `"${phrase}"${where} ${ASPECT_REASON[judged.aspect]}`;
}

/** Why one phrase breaks the preservation rules, or null when it does not. */
export function preservationBreach(phrase: string): string | null {
  return reasonFor(phrase, judgePhrase(phrase));
}


/** The candidate's phrases that are not in the current prompt (by their words, any spelling or order). */
export function changedPhrases(current: string, candidate: string): string[] {
  const had = new Set(promptPhrases(current).map(phraseKey));
  return promptPhrases(candidate).filter((p) => !had.has(phraseKey(p)));
}

export interface GuardrailInput {
  prompt: string;
  negative_prompt: string;
  /** The current version's prompt: its preservation phrases must survive. */
  current_prompt: string;
  /** The current negative prompt: only its added phrases are judged. Every phrase when absent. */
  current_negative_prompt?: string;
  /** Prompts of every existing version and of the other variants of this evolution. */
  known_prompts: readonly string[];
}

function limits(input: GuardrailInput): string[] {
  const reasons: string[] = [];
  if (input.prompt.length > MAX_PROMPT_CHARS) {
    reasons.push(`the prompt has ${input.prompt.length} characters; Leonardo and the version schema accept ${MAX_PROMPT_CHARS}`);
  }
  if (input.negative_prompt.length > MAX_PROMPT_CHARS) {
    reasons.push(`the negative prompt has ${input.negative_prompt.length} characters; the limit is ${MAX_PROMPT_CHARS}`);
  }
  for (const [label, text] of [['prompt', input.prompt], ['negative prompt', input.negative_prompt]] as const) {
    const clip = estimateClipTokens(text);
    if (clip.cutAt !== null) {
      const cut = text.slice(clip.cutAt, clip.cutAt + 40);
      reasons.push(
        `the ${label} is about ${clip.tokens} CLIP tokens; Stable Diffusion reads 77 (75 of text) and would ignore everything from "${cut}${text.length > clip.cutAt + 40 ? '…' : ''}" on`,
      );
    }
  }
  return reasons;
}

/** The reasons apart: `meaning` from judging changed phrases, `other` for everything an admin cannot overrule. */
export function inspectVariant(input: GuardrailInput): { meaning: string[]; other: string[]; warnings: string[] } {
  const meaning: string[] = [];
  const other: string[] = [];
  const warnings: string[] = [];
  const phrases = splitPhrases(input.prompt);
  if (phrases.length === 0) return { meaning, other: ['the prompt is empty'], warnings };
  if (input.known_prompts.some((k) => samePhrases(k, input.prompt))) {
    other.push('the prompt duplicates an existing version (same phrases)');
  }
  for (const phrase of changedPhrases(input.current_prompt, input.prompt)) {
    const judged = judgePhrase(phrase);
    const reason = reasonFor(phrase, judged);
    if (reason) meaning.push(reason);
    else if (judged.verdict === 'quality' && judged.note) warnings.push(judged.note);
  }
  // The negative prompt can break the rules too: "wooden floor" there removes the floor's wood.
  for (const phrase of changedPhrases(input.current_negative_prompt ?? '', input.negative_prompt)) {
    const judged = judgeNegative(phrase);
    if (judged.verdict === 'unjudged') other.push(reasonFor(phrase, judged)!.replace(/^"/, 'the negative prompt "'));
    else if (judged.verdict === 'content') other.push(`the negative prompt "${phrase}" would suppress elements, materials or colours of the render`);
  }
  const kept = new Set(promptPhrases(input.prompt).map(phraseKey));
  for (const phrase of promptPhrases(input.current_prompt).filter(isPreservation)) {
    if (!kept.has(phraseKey(phrase))) other.push(`the preservation phrase "${phrase}" was dropped`);
  }
  other.push(...limits(input));
  if (phrases.length !== new Set(phrases.map(normalisePhrase)).size) warnings.push('the prompt repeats a phrase');
  return { meaning, other, warnings };
}

export function checkVariant(input: GuardrailInput): GuardrailVerdict {
  const { meaning, other, warnings } = inspectVariant(input);
  // The order admins read: duplicate first, then each phrase, then what was dropped and the limits.
  const duplicate = other.filter((r) => r.startsWith('the prompt duplicates') || r === 'the prompt is empty');
  const reasons = [...duplicate, ...meaning, ...other.filter((r) => !duplicate.includes(r))];
  return { passed: reasons.length === 0, reasons, warnings };
}
