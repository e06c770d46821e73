import { tokens } from './words';

// The verb a clause opens with decides how its object is read: "add X" puts X in the scene,
// "remove X" takes it out (fine when X is noise, not when X is the rug), "improve X" works on how X
// is shown, "keep X" preserves it.

export type VerbKind = 'change' | 'remove' | 'render' | 'preserve';

const PHRASAL: [string, VerbKind][] = [
  ['knock down', 'change'], ['knock through', 'change'], ['knock out', 'change'], ['brick up', 'change'],
  ['close off', 'change'], ['open up', 'change'], ['put in', 'change'], ['swap out', 'change'], ['build in', 'change'],
  ['take out', 'remove'], ['take away', 'remove'], ['get rid of', 'remove'], ['tone down', 'remove'], ['cut down', 'remove'],
  ['clean up', 'render'], ['bring out', 'render'], ['light up', 'render'],
];

const SINGLE: Record<VerbKind, string> = {
  change: `add adding put place include insert install introduce hang fill build replace replacing swap change changing
    make paint repaint turn convert transform move moving rearrange reposition relocate extend enlarge expand widen
    raise lower double knock demolish open close brick redesign renovate remodel restyle refurnish furnish stage
    upgrade recolor mirror flip rotate declutter tidy upholster reupholster decorate style update modernize shrink
    cover stain tile carpet wallpaper rebuild divide merge combine alter modify give use create`,
  remove: 'remove removing delete eliminate strip reduce reducing minimize avoid lose erase hide fix correct no without less fewer zero never suppress cut',
  render: 'improve enhance sharpen render denoise brighten lift recover boost increase refine emphasize accentuate capture show illuminate clarify upscale balance bring highlight',
  preserve: 'keep keeping preserve preserving retain maintain leave',
};

const SINGLES = new Map<string, VerbKind>(
  (Object.entries(SINGLE) as [VerbKind, string][]).flatMap(([kind, words]) => words.trim().split(/\s+/).map((w) => [w, kind] as const)),
);
/** Every verb word, for telling English from other languages. */
export const isVerbWord = (word: string): boolean => SINGLES.has(word) || PHRASAL.some(([p]) => p.split(' ').includes(word));

const LEADING_FILLERS = new Set(['please', 'just', 'also', 'then', 'and', 'but', 'slightly', 'gently', 'now', 'only', 'simply']);

/** The opening verb of a clause's words and the words after it; null when it opens with no verb. */
export function openingVerb(words: readonly string[]): { kind: VerbKind; verb: string; rest: string[] } | null {
  let i = 0;
  while (i < words.length && LEADING_FILLERS.has(words[i]!)) i++;
  const from = words.slice(i);
  for (const [phrase, kind] of PHRASAL) {
    const parts = tokens(phrase);
    if (parts.every((p, k) => from[k] === p)) return { kind, verb: phrase, rest: from.slice(parts.length) };
  }
  const kind = from[0] === undefined ? undefined : SINGLES.get(from[0]);
  return kind ? { kind, verb: from[0]!, rest: from.slice(1) } : null;
}
