import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { checkVariant } from '../core/prompts';

// The labelled corpus and how a layer's refusals score on it, shared by `npm run bench:guardrails`
// and the unit test that holds the targets. Each phrase is added to a current prompt that carries the
// seed's preservation phrases, as an evolver would add it, and the whole candidate goes through `checkVariant`.

const EntrySchema = z.object({
  text: z.string().min(1),
  label: z.enum(['content', 'quality']),
  lang: z.string().optional(),
  split: z.enum(['development', 'held_out', 'fresh']),
});
export type CorpusEntry = z.infer<typeof EntrySchema>;

const corpusFile = fileURLToPath(new URL('../tests/unit/prompts/guardrail-corpus.json', import.meta.url));
export const loadCorpus = (): CorpusEntry[] => z.object({ entries: z.array(EntrySchema) }).parse(JSON.parse(readFileSync(corpusFile, 'utf8'))).entries;

/** The current prompt the phrases are added to: the seed's preservation phrases, none of the corpus's. */
export const CURRENT_PROMPT = 'interior render, preserve exact layout, preserve exact materials and colors';

/** The deterministic layer's answer for one phrase: refused or not, with its reasons. */
export function deterministicRefuses(text: string): { refused: boolean; reasons: string[] } {
  const verdict = checkVariant({ prompt: `${CURRENT_PROMPT}, ${text}`, negative_prompt: '', current_prompt: CURRENT_PROMPT, known_prompts: [CURRENT_PROMPT] });
  return { refused: !verdict.passed, reasons: verdict.reasons };
}

export interface Score {
  phrases: number;
  /** Share of content-changing phrases refused (recall of the refusals). */
  contentRefused: number;
  /** Share of quality-only phrases refused (false refusals). */
  qualityRefused: number;
  /** Share of refusals that were content-changing phrases. */
  precision: number;
  missed: CorpusEntry[];
  wronglyRefused: CorpusEntry[];
}

export function score(entries: readonly CorpusEntry[], refuses: (entry: CorpusEntry) => boolean): Score {
  const content = entries.filter((e) => e.label === 'content');
  const quality = entries.filter((e) => e.label === 'quality');
  const missed = content.filter((e) => !refuses(e));
  const wronglyRefused = quality.filter((e) => refuses(e));
  const refused = content.length - missed.length + wronglyRefused.length;
  return {
    phrases: entries.length,
    contentRefused: content.length ? (content.length - missed.length) / content.length : 1,
    qualityRefused: quality.length ? wronglyRefused.length / quality.length : 0,
    precision: refused ? (content.length - missed.length) / refused : 1,
    missed,
    wronglyRefused,
  };
}
