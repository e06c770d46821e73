// Prompts are comma-separated phrases ("8k, sharp focus, natural lighting"): the unit the offline
// evolver scores and recombines, the guardrails inspect, and the duplicate check compares.

/** The phrases of a prompt, trimmed, in order, without empties. */
export function splitPhrases(prompt: string): string[] {
  return prompt
    .split(',')
    .map((p) => p.trim().replace(/\s+/g, ' '))
    .filter((p) => p.length > 0);
}

/** The comparable form of a phrase: lower case, single spaces. */
export const normalisePhrase = (phrase: string): string => phrase.trim().toLowerCase().replace(/\s+/g, ' ');

export const joinPhrases = (phrases: readonly string[]): string => phrases.join(', ');

/** Two prompts are the same when they carry the same phrases, whatever their order or case. */
export function samePhrases(a: string, b: string): boolean {
  const x = new Set(splitPhrases(a).map(normalisePhrase));
  const y = new Set(splitPhrases(b).map(normalisePhrase));
  return x.size === y.size && [...x].every((p) => y.has(p));
}

/** Drops repeated phrases (case-insensitive), keeping the first occurrence. */
export function uniquePhrases(phrases: readonly string[]): string[] {
  const seen = new Set<string>();
  return phrases.filter((p) => {
    const key = normalisePhrase(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function added(before: string, after: string): string[] {
  const had = new Set(splitPhrases(before).map(normalisePhrase));
  return splitPhrases(after).filter((p) => !had.has(normalisePhrase(p)));
}

/** "added …" / "removed …" per phrase, for the record of what a new version changed. */
export function phraseChanges(prompt: string, nextPrompt: string, negative: string, nextNegative: string): string[] {
  return [
    ...added(prompt, nextPrompt).map((p) => `added "${p}"`),
    ...added(nextPrompt, prompt).map((p) => `removed "${p}"`),
    ...added(negative, nextNegative).map((p) => `added "${p}" (negative)`),
    ...added(nextNegative, negative).map((p) => `removed "${p}" (negative)`),
  ];
}
