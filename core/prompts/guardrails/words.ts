// Words as the guardrails compare them: lower case, one spelling per word (British and American
// spellings are the same word here), plurals folded, hyphenated words split. Two phrases with the
// same words in any order have the same key, so rewording "materials and colours" as "colors and
// materials" is not a dropped phrase.

const SPELLING: Record<string, string> = {
  colour: 'color', colours: 'colors', coloured: 'colored', colourful: 'colorful', colouring: 'coloring',
  recolour: 'recolor', recoloured: 'recolored', grey: 'gray', greys: 'grays', greyish: 'grayish',
  moulding: 'molding', mouldings: 'moldings', mould: 'mold', centre: 'center', metre: 'meter',
  cosy: 'cozy', aluminium: 'aluminum', artefact: 'artifact', artefacts: 'artifacts', panelling: 'paneling',
  realise: 'realize', realised: 'realized', minimise: 'minimize',
  emphasise: 'emphasize', modernise: 'modernize', stylised: 'stylized', optimise: 'optimize',
  harmonise: 'harmonize', favourite: 'favorite', neighbouring: 'neighboring',
  storey: 'story', theatre: 'theater', jewellery: 'jewelry', tonne: 'ton', vapour: 'vapor',
  fibre: 'fiber', lustre: 'luster', sombre: 'somber', pyjamas: 'pajamas', plough: 'plow', draught: 'draft',
};

export const canonicalWord = (word: string): string => SPELLING[word] ?? word;

/** The words of a text, canonical, in order: "Floor-to-ceiling" gives floor, to, ceiling. */
export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    // Inside a compound the small words are not prepositions: "built-in", "floor-to-ceiling".
    .replace(/(\p{L})-(?:in|to|of|on|the|a)-?(?=\p{L}|\s|$)/gu, '$1 ')
    .split(/[^\p{L}\p{N}/.]+/u)
    .map((w) => w.replace(/^[./]+|[./]+$/g, ''))
    .filter((w) => w.length > 0)
    .map(canonicalWord);
}

/** Plural and singular forms to look a word up by: "shelves" is found as "shelf". */
export function forms(word: string): string[] {
  const out = [word];
  if (word.endsWith('ies') && word.length > 4) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('ves') && word.length > 4) out.push(`${word.slice(0, -3)}f`);
  if (word.endsWith('es') && word.length > 3) out.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 2) out.push(word.slice(0, -1));
  return out;
}

export const inSet = (set: ReadonlySet<string>, word: string): boolean => forms(word).some((f) => set.has(f));

const FILLER = new Set(['the', 'a', 'an', 'and', 'of', 'all', 'its', 'their', 'in', 'on', 'to', 'with']);

/** A phrase's identity for "was it kept?": canonical words without fillers, in any order. */
export function phraseKey(phrase: string): string {
  return tokens(phrase)
    .filter((w) => !FILLER.has(w))
    .map((w) => (w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
    .sort()
    .join(' ');
}
