import {
  ATTRIBUTES, CHANGE_ADJECTIVES, COLOURS, DEFECT_ADJECTIVES, DETERMINERS, FIXTURE_MODIFIERS, INDEFINITE, MATERIALS,
  OBJECTS, PRESERVE_WORDS, QUALITY_ADJECTIVES, QUALITY_NOUNS, SIZES, STOPWORDS, STYLES,
} from './lexicon';
import { inSet } from './words';

// What a run of words (no verb, no preposition) is about: its head (the last noun the vocabulary
// knows) and what its other words add. "realistic leather texture" is about texture; "red leather
// sofa" is about a sofa, made red and leather.

export type Aspect = 'object' | 'material' | 'colour' | 'style' | 'size' | 'change';
export type Reading = { about: 'quality' } | { about: 'content'; aspect: Aspect } | { about: 'nothing' };

const CONTENT_SETS: [Aspect, ReadonlySet<string>][] = [
  ['material', MATERIALS],
  ['colour', COLOURS],
  ['style', STYLES],
  ['size', SIZES],
  ['change', CHANGE_ADJECTIVES],
];

/** The content aspect a modifier adds ("crimson": colour), or null. */
export function contentAspect(word: string): Aspect | null {
  for (const [aspect, words] of CONTENT_SETS) if (inSet(words, word)) return aspect;
  return null;
}

const isQualityNoun = (w: string) => inSet(QUALITY_NOUNS, w);
const isObject = (w: string) => inSet(OBJECTS, w);

/** Reads words as a noun phrase that says the room has something (the positive prompt). */
export function readNounPhrase(words: readonly string[]): Reading {
  const meaningful = words.filter((w) => !DETERMINERS.has(w) && !STOPWORDS.has(w) && !INDEFINITE.has(w));
  if (meaningful.length === 0) return { about: 'nothing' };
  const indefinite = words.some((w) => INDEFINITE.has(w));
  let headAt = -1;
  for (let i = meaningful.length - 1; i >= 0 && headAt < 0; i--) {
    const w = meaningful[i]!;
    if (isQualityNoun(w) || isObject(w) || inSet(ATTRIBUTES, w) || inSet(MATERIALS, w) || inSet(STYLES, w)) headAt = i;
  }
  const modifiers = headAt < 0 ? meaningful : meaningful.filter((_, i) => i !== headAt);
  // Reported by the first aspect in CONTENT_SETS order: "white oak floors" is a material change first.
  const order = CONTENT_SETS.map(([a]) => a);
  const aspects = modifiers.map(contentAspect).filter((a): a is Aspect => a !== null).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  if (headAt < 0) {
    if (aspects.length > 0) return { about: 'content', aspect: aspects[0]! };
    return indefinite ? { about: 'content', aspect: 'object' } : { about: 'quality' };
  }
  const head = meaningful[headAt]!;
  const before = meaningful.slice(0, headAt);
  if (isQualityNoun(head) && !isObject(head)) {
    // "pendant lights", "recessed lights": lamps, not light.
    if (/^light/.test(head) && before.some((w) => FIXTURE_MODIFIERS.has(w))) return { about: 'content', aspect: 'object' };
    return { about: 'quality' };
  }
  const accuracy = modifiers.some((w) => inSet(QUALITY_ADJECTIVES, w) || PRESERVE_WORDS.has(w));
  if (inSet(ATTRIBUTES, head)) {
    // "faithful colours", "physically accurate materials": about fidelity, not a new colour.
    if (accuracy && aspects.every((a) => a === 'colour' || a === 'material') && !modifiers.some((w) => inSet(CHANGE_ADJECTIVES, w))) {
      return { about: 'quality' };
    }
    return { about: 'content', aspect: inSet(MATERIALS, head) ? 'material' : 'colour' };
  }
  // "clear window glass": an element named with rendering words only is shown better, not changed.
  const onlyRendering = modifiers.every((w) => inSet(QUALITY_ADJECTIVES, w) || isObject(w) || inSet(DEFECT_ADJECTIVES, w));
  if (!indefinite && accuracy && onlyRendering && aspects.length === 0) return { about: 'quality' };
  const aspect = aspects[0] ?? (inSet(MATERIALS, head) ? 'material' : inSet(STYLES, head) ? 'style' : 'object');
  return { about: 'content', aspect };
}

/** Reads the object of "remove …", "no …", "without …": taking out a defect is rendering. */
export function readRemoved(words: readonly string[]): Reading {
  const meaningful = words.filter((w) => !DETERMINERS.has(w) && !STOPWORDS.has(w) && !INDEFINITE.has(w));
  if (meaningful.length === 0) return { about: 'nothing' };
  if (meaningful.some((w) => inSet(DEFECT_ADJECTIVES, w))) return { about: 'quality' };
  const reading = readNounPhrase(words);
  return reading.about === 'content' ? { about: 'content', aspect: 'object' } : reading;
}
