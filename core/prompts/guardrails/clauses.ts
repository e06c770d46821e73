import { splitPhrases } from '../phrases';

// A phrase can hold several requests: "keep the layout but make the sofa red leather" is a
// preservation and a change. Each clause is judged on its own, so a polite opening does not cover
// what follows it.

const BOUNDARY = /\s*(;|\bbut\b|\bexcept(?: for)?\b|\bwhile\b|\bwhereas\b|\balthough\b|\bwith\b|\band\b|\bplus\b|\bthen\b|&)\s*|\s+(?=\bwithout\b)/i;

export interface Clause {
  text: string;
  /** "and" joins a clause to the one before, so it shares its verb: "preserve the layout and colours". */
  continues: boolean;
}

/** The clauses of one phrase, in order, without empties. */
export function splitClauses(phrase: string): Clause[] {
  const parts = phrase.split(BOUNDARY);
  const clauses: Clause[] = [];
  // split() with a capture group alternates text and the boundary that followed it.
  for (let i = 0; i < parts.length; i += 2) {
    const text = (parts[i] ?? '').trim();
    const joiner = (parts[i - 1] ?? '').trim().toLowerCase();
    if (text.length > 0) clauses.push({ text, continues: ['and', 'plus', '&'].includes(joiner) });
  }
  return clauses;
}

/** The phrases of a prompt: commas as the prompt format has them, semicolons and full stops too. */
export const promptPhrases = (prompt: string): string[] => splitPhrases(prompt.replace(/[;.](\s|$)/g, ',$1'));
