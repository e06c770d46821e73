import { normalisePhrase, splitPhrases } from './phrases';

// The evolver's own history, as OPRO gives an optimiser its scored past solutions: every version
// that was tested in pairs, with its result against its baseline, best first, and what each phrase
// did in those tests. A paired test changes only the prompt, so its mean difference is the effect
// of exactly the phrases the candidate added or removed.

export interface TestedVersion {
  version: string;
  prompt: string;
  baseline_version: string;
  baseline_prompt: string;
  /** Mean of candidate minus baseline ratings over the test's pairs. */
  mean_difference: number;
  verdict: 'candidate_better' | 'keep_current' | 'undecided';
}

export interface PhraseOutcome {
  phrase: string;
  /** Tests in which adding the phrase (or removing it) went with a better candidate. */
  won: number;
  lost: number;
  /** Sum of the mean differences credited to having the phrase: + when added, − when removed. */
  effect: number;
}

/** Best first: the highest mean difference, as OPRO sorts its meta-prompt's solutions. */
export const sortHistory = (history: readonly TestedVersion[]): TestedVersion[] => [...history].sort((a, b) => b.mean_difference - a.mean_difference);

export function phraseOutcomes(history: readonly TestedVersion[]): Map<string, PhraseOutcome> {
  const outcomes = new Map<string, PhraseOutcome>();
  const credit = (phrase: string, effect: number) => {
    const key = normalisePhrase(phrase);
    const o = outcomes.get(key) ?? { phrase: key, won: 0, lost: 0, effect: 0 };
    o.effect += effect;
    if (effect > 0) o.won++;
    else if (effect < 0) o.lost++;
    outcomes.set(key, o);
  };
  for (const test of history) {
    const before = new Set(splitPhrases(test.baseline_prompt).map(normalisePhrase));
    const after = new Set(splitPhrases(test.prompt).map(normalisePhrase));
    const added = [...after].filter((p) => !before.has(p));
    const removed = [...before].filter((p) => !after.has(p));
    const changes = added.length + removed.length;
    if (changes === 0) continue;
    // Each changed phrase gets its share of the difference: a test of two changes says less of each.
    const share = test.mean_difference / changes;
    for (const p of added) credit(p, share);
    for (const p of removed) credit(p, -share);
  }
  return outcomes;
}

/** Phrases that helped and hurt in tests, strongest first, for an evolver's brief. */
export function wonAndLost(history: readonly TestedVersion[]): { won: string[]; lost: string[] } {
  const all = [...phraseOutcomes(history).values()];
  return {
    won: all.filter((o) => o.effect > 0).sort((a, b) => b.effect - a.effect).map((o) => o.phrase),
    lost: all.filter((o) => o.effect < 0).sort((a, b) => a.effect - b.effect).map((o) => o.phrase),
  };
}
