import { estimateClipTokens } from './clip-tokens';
import { isPreservation } from './offline-evolver';
import { normalisePhrase, samePhrases, splitPhrases } from './phrases';

// What a variant must pass before it becomes a version and is A/B tested (the point 6):
// the seed's preservation rules (never change the space, the elements' shapes, the materials or
// the colours), no empty or duplicate prompt, and each provider's limits. Every rejection carries
// its reason, shown to admins.

/** Leonardo's prompt limit, and the schema's `maxLength` for both blocks. */
export const MAX_PROMPT_CHARS = 1500;

export interface GuardrailVerdict {
  passed: boolean;
  reasons: string[];
  warnings: string[];
}

const CHANGE_VERBS = /\b(change|changing|replace|replacing|modify|modifying|alter|altering|redesign|redesigning|rearrange|rearranging|remodel|renovate|repaint|recolou?r|swap|move|moving|remove|removing|add(ing)? (a |an |new |more )|new|different|transform|convert|turn (it|the|into))\b/i;
const LAYOUT = /\b(layout|space|room|floor ?plan|floors?|countertops?|rugs?|curtains?|walls?|windows?|doors?|ceiling|furniture|sofa|couch|table|chairs?|bed|cabinets?|shelves|elements?|objects?|shapes?|geometry|proportions|architecture|structure)\b/i;
const MATERIALS = /\b(materials?|marble|wood(en)?|oak|walnut|granite|concrete|brick|tiles?|stone|metal|steel|brass|glass|velvet|leather|fabric|carpet|parquet|laminate)\b/i;
const COLOURS = /\b(colou?rs?|palette|red|green|blue|yellow|orange|purple|pink|beige|black|white|grey|gray|brown|teal|navy|pastel|monochrome)\b/i;

/** Why one phrase breaks the preservation rules, or null when it does not. */
export function preservationBreach(phrase: string): string | null {
  if (isPreservation(phrase)) return null;
  const p = normalisePhrase(phrase);
  if (CHANGE_VERBS.test(p) && (LAYOUT.test(p) || MATERIALS.test(p) || COLOURS.test(p))) {
    return `"${phrase}" asks to change the layout, shapes, materials or colours (the seed's preservation rules)`;
  }
  // "marble floor", "red sofa": a material or colour named for a surface changes what is there.
  if (MATERIALS.test(p) && LAYOUT.test(p)) return `"${phrase}" names a material for an element, which would change the materials`;
  if (COLOURS.test(p) && (LAYOUT.test(p) || MATERIALS.test(p))) return `"${phrase}" names a colour for an element, which would change the colours`;
  return null;
}

export interface GuardrailInput {
  prompt: string;
  negative_prompt: string;
  /** The current version's prompt: its preservation phrases must survive. */
  current_prompt: string;
  /** Prompts of every existing version and of the other variants of this evolution. */
  known_prompts: readonly string[];
}

export function checkVariant(input: GuardrailInput): GuardrailVerdict {
  const reasons: string[] = [];
  const warnings: string[] = [];
  const phrases = splitPhrases(input.prompt);
  if (phrases.length === 0) return { passed: false, reasons: ['the prompt is empty'], warnings };
  if (input.known_prompts.some((k) => samePhrases(k, input.prompt))) {
    reasons.push('the prompt duplicates an existing version (same phrases)');
  }
  for (const phrase of phrases) {
    const breach = preservationBreach(phrase);
    if (breach) reasons.push(breach);
  }
  // The negative prompt can break the rules too: "wooden floor" there removes the floor's wood.
  for (const phrase of splitPhrases(input.negative_prompt)) {
    const p = normalisePhrase(phrase);
    if ((MATERIALS.test(p) || COLOURS.test(p)) && !/\b(oversaturated|saturated|colou?r cast|banding|washed out)\b/.test(p)) {
      reasons.push(`the negative prompt "${phrase}" would suppress materials or colours of the render`);
    }
  }
  const kept = new Set(phrases.map(normalisePhrase));
  for (const phrase of splitPhrases(input.current_prompt).filter(isPreservation)) {
    if (!kept.has(normalisePhrase(phrase))) reasons.push(`the preservation phrase "${phrase}" was dropped`);
  }
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
  if (phrases.length !== new Set(kept).size) warnings.push('the prompt repeats a phrase');
  return { passed: reasons.length === 0, reasons, warnings };
}
