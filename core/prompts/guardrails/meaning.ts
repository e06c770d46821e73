import { splitClauses } from './clauses';
import { languageOf } from './foreign';
import * as lexicon from './lexicon';
import { readNounPhrase, readRemoved, type Aspect, type Reading } from './noun-phrase';
import { isVerbWord, openingVerb } from './verbs';
import { forms, inSet, tokens } from './words';

// The meaning of one added or changed phrase: does it change what is in the room, or only how the
// render shows it? Each clause is read by its opening verb ("add", "remove", "improve", "keep") or,
// without one, as a noun phrase; the words after a preposition only say where ("sunlight on the
// wooden floor"), unless they bring something new in ("with a red sofa", "in blue").

export type PhraseJudgement =
  | { verdict: 'quality'; note: string | null }
  | { verdict: 'content'; aspect: Aspect; clause: string }
  | { verdict: 'unjudged'; clause: string };

const SETS = Object.values(lexicon).filter((v): v is Set<string> => v instanceof Set);
const PRONOUNS = new Set(['it', 'everything', 'this', 'them', 'they', 'all']);
// Everyday English the vocabulary has no use for, so that a clause of them still reads as English.
const PLAIN_ENGLISH = new Set(
  'instead rather way look feel flow corner side left right back front middle top bottom center area surface object thing one ones around whole entire should be can'.split(' '),
);
const known = (w: string) => SETS.some((s) => inSet(s, w)) || isVerbWord(w) || PLAIN_ENGLISH.has(w) || forms(w).some((f) => PLAIN_ENGLISH.has(f)) || /\d/.test(w);
const INTRODUCING = new Set(['in', 'into', 'to', 'as', 'for']);

/** Splits at the first preposition: the core says what, the rest says where. */
function core(words: readonly string[]): { head: string[]; places: string[][] } {
  const at = words.findIndex((w, i) => i > 0 && lexicon.PREPOSITIONS.has(w));
  if (at < 0) return { head: [...words], places: [] };
  const places: string[][] = [];
  let current: string[] = [];
  for (const w of words.slice(at)) {
    if (lexicon.PREPOSITIONS.has(w)) {
      if (current.length) places.push(current);
      current = [w];
    } else current.push(w);
  }
  if (current.length) places.push(current);
  return { head: words.slice(0, at), places };
}

/** A place brings content in when it names something new ("with a sofa") or a bare colour or material ("in blue"). */
function placeBringsContent(place: readonly string[]): Aspect | null {
  const [preposition, ...words] = place;
  if (words.length === 0) return null;
  const reading = readNounPhrase(words);
  if (reading.about !== 'content') return null;
  const introduced = words.some((w) => lexicon.INDEFINITE.has(w) || inSet(lexicon.CHANGE_ADJECTIVES, w));
  const bare = INTRODUCING.has(preposition!) && !words.some((w) => lexicon.DETERMINERS.has(w));
  return introduced || (bare && (reading.aspect === 'colour' || reading.aspect === 'material' || reading.aspect === 'style')) ? reading.aspect : null;
}

const content = (aspect: Aspect, clause: string): PhraseJudgement => ({ verdict: 'content', aspect, clause });

function judgeClause(clause: string): PhraseJudgement {
  const words = tokens(clause);
  const language = languageOf(words, known);
  if (language === 'foreign') return { verdict: 'unjudged', clause };
  if (language === 'foreign_quality') return { verdict: 'quality', note: `"${clause}" is not English; it passed because every word is a known rendering term` };
  const insteadOf = words.indexOf('instead');
  if (insteadOf === 0 && words[1] === 'of') {
    return readNounPhrase(core(words.slice(2)).head).about === 'content' ? content('change', clause) : { verdict: 'quality', note: null };
  }
  const opening = openingVerb(words);
  // "same layout", "exact colours": a preservation without a verb reads as "keep …".
  const verb = opening ?? (lexicon.PRESERVE_WORDS.has(words[0] ?? '') ? { kind: 'preserve' as const, verb: 'keep', rest: words.slice(1) } : null);
  const { head, places } = core(verb ? verb.rest : words);
  for (const place of places) {
    const brought = placeBringsContent(place);
    if (brought) return content(brought, clause);
  }
  const reading: Reading = (() => {
    if (!verb) return readNounPhrase(head);
    if (verb.kind === 'remove') return readRemoved(head);
    // "keep the sofa" preserves; "keep a new sofa" does not.
    if (verb.kind === 'preserve') {
      return head.some((w) => lexicon.INDEFINITE.has(w) || inSet(lexicon.CHANGE_ADJECTIVES, w)) ? { about: 'content', aspect: 'change' } : { about: 'nothing' };
    }
    const object = readNounPhrase(head.filter((w) => !PRONOUNS.has(w)));
    if (verb.kind === 'render') return object.about === 'content' && object.aspect === 'size' ? object : { about: 'quality' };
    // "add", "make", "replace": a change unless what changes is the light, the shadows, the focus.
    if (object.about === 'quality' && !head.some((w) => PRONOUNS.has(w) && head.length === 1)) {
      const named = head.filter((w) => !PRONOUNS.has(w) && !lexicon.DETERMINERS.has(w));
      if (named.length > 0 && named.some((w) => inSet(lexicon.QUALITY_NOUNS, w))) return object;
      if (named.length > 0 && named.every((w) => inSet(lexicon.QUALITY_ADJECTIVES, w))) return object;
    }
    return { about: 'content', aspect: 'change' };
  })();
  if (reading.about === 'content') return content(verb && verb.kind !== 'render' ? 'change' : reading.aspect, clause);
  return { verdict: 'quality', note: null };
}

/** The judgement of one phrase: content when any of its clauses changes content. */
export function judgePhrase(phrase: string): PhraseJudgement {
  const notes: string[] = [];
  let verb: string | null = null;
  for (const clause of splitClauses(phrase)) {
    const own = openingVerb(tokens(clause.text));
    const preserving = !own && lexicon.PRESERVE_WORDS.has(tokens(clause.text)[0] ?? '');
    const text = !own && clause.continues && verb ? `${verb} ${clause.text}` : clause.text;
    const judged = judgeClause(text);
    if (judged.verdict !== 'quality') return judged.verdict === 'content' ? { ...judged, clause: clause.text } : judged;
    if (judged.note) notes.push(judged.note);
    if (own) verb = own.verb;
    else if (preserving) verb = 'keep';
    else if (!clause.continues) verb = null;
  }
  return { verdict: 'quality', note: notes[0] ?? null };
}

/** The judgement of a negative-prompt phrase, read as "no …": suppressing a material or colour changes the room. */
export function judgeNegative(phrase: string): PhraseJudgement {
  if (languageOf(tokens(phrase), known) === 'foreign') return { verdict: 'unjudged', clause: phrase };
  return judgePhrase(`no ${phrase}`);
}
