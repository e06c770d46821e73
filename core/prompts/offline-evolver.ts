import { mixSeed, mulberry32 } from '../optimizer';
import type { EvolutionBrief, Variant, VersionScore } from './brief';
import { estimateClipTokens } from './clip-tokens';
import { phraseOutcomes } from './history';
import { joinPhrases, normalisePhrase, phraseChanges, samePhrases, splitPhrases, uniquePhrases } from './phrases';

// The offline evolver: evolution over phrases, no network. Each phrase is scored by the ratings of
// the samples whose prompt carried it against those whose prompt did not; weak phrases are dropped,
// phrases from the photorealism vocabulary (prompts/photorealism-vocabulary.json) are added, and the
// best versions are crossed over. Seeded: the same ratings and seed give the same variants.

export interface Vocabulary {
  prompt: string[];
  negative: string[];
}

/** One rated option, by the prompt it was generated with. */
export interface PhraseSample {
  prompt: string;
  rating: number;
}

export interface PhraseScore {
  phrase: string;
  with: number;
  without: number;
  /** Mean rating with the phrase minus without, shrunk towards 0 while `with` is small. */
  score: number;
}

/** How many samples a phrase needs before its effect counts half: 5 pairs' worth of one option. */
const SHRINK = 5;
/** A phrase is weak when it costs this much rating (after shrinking). */
const WEAK = -0.1;

/** Phrases that keep layout, materials and colours are never dropped (the seed's preservation rules). */
export const isPreservation = (phrase: string): boolean => /\b(preserve|preserving|keep|exact|original|same)\b/i.test(phrase);

export function phraseStatistics(samples: readonly PhraseSample[]): Map<string, PhraseScore> {
  const sets = samples.map((s) => new Set(splitPhrases(s.prompt).map(normalisePhrase)));
  const all = new Set(sets.flatMap((s) => [...s]));
  const total = samples.reduce((a, s) => a + s.rating, 0);
  const scores = new Map<string, PhraseScore>();
  for (const phrase of all) {
    let sumWith = 0;
    let nWith = 0;
    sets.forEach((set, i) => {
      if (set.has(phrase)) {
        sumWith += samples[i]!.rating;
        nWith++;
      }
    });
    const nWithout = samples.length - nWith;
    // A phrase present in every sample has nothing to be compared with: neutral, not good.
    const effect = nWithout === 0 ? 0 : sumWith / nWith - (total - sumWith) / nWithout;
    scores.set(phrase, { phrase, with: nWith, without: nWithout, score: (effect * nWith) / (nWith + SHRINK) });
  }
  return scores;
}

export interface OfflineInput {
  brief: EvolutionBrief;
  samples: readonly PhraseSample[];
  /** Versions with their scores, for the crossover. */
  versions: readonly VersionScore[];
  vocabulary: Vocabulary;
  seed: number;
}

const scoreOf = (scores: Map<string, PhraseScore>, phrase: string) => scores.get(normalisePhrase(phrase))?.score ?? 0;

/** Drops the lowest-scoring droppable phrases until the prompt fits Stable Diffusion's window. */
function fitClip(phrases: string[], scores: Map<string, PhraseScore>): string[] {
  const kept = [...phrases];
  while (estimateClipTokens(joinPhrases(kept)).cutAt !== null) {
    const droppable = kept.filter((p) => !isPreservation(p));
    if (droppable.length === 0) break;
    const weakest = droppable.reduce((a, b) => (scoreOf(scores, b) < scoreOf(scores, a) ? b : a));
    kept.splice(kept.indexOf(weakest), 1);
  }
  return kept;
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Two variants: a crossover of the best versions without the weakest phrase, and an exploration. */
export function evolveOffline(input: OfflineInput): Variant[] {
  const { brief, vocabulary } = input;
  const random = mulberry32(mixSeed(input.seed, input.samples.length, 0x0ff1));
  const scores = phraseStatistics(input.samples);
  // What each phrase did in the paired tests (the evolver's own history): the cleanest evidence,
  // since a test changes only the prompt; added to the phrase's score from all ratings.
  const tested = phraseOutcomes(brief.history ?? []);
  const worth = (p: string) => scoreOf(scores, p) + (tested.get(normalisePhrase(p))?.effect ?? 0);
  const current = splitPhrases(brief.current_prompt);
  // A phrase whose test showed no visible effect is as good as tried: the generator ignores it.
  const tried = new Set([...scores.keys(), ...tested.keys(), ...(brief.no_visible_effect ?? []).map(normalisePhrase)]);
  const known = [...brief.known_prompts, brief.current_prompt];
  const fresh = shuffle(vocabulary.prompt.filter((p) => !tried.has(normalisePhrase(p))), random);
  const weakest = current
    .filter((p) => !isPreservation(p) && worth(p) <= WEAK)
    .sort((a, b) => worth(a) - worth(b));

  // Variant 1, crossover: the current phrases plus the good phrases of the two best versions.
  const best = [...input.versions].filter((v) => v.avg_rating !== null && v.sample_count > 0).sort((a, b) => b.avg_rating! - a.avg_rating!).slice(0, 2);
  const winners = [...tested.values()].filter((o) => o.effect > 0 && !current.some((p) => normalisePhrase(p) === o.phrase)).map((o) => o.phrase);
  const donors = [...best.flatMap((v) => splitPhrases(v.prompt)).filter((p) => worth(p) > 0), ...winners];
  let first = uniquePhrases([...current.filter((p) => p !== weakest[0]), ...donors]);
  let firstNote = best.length ? `Crossed over ${best.map((v) => v.version).join(' and ')}, keeping their phrases that raised ratings` : 'Kept the current phrases';
  if (weakest[0]) firstNote += `; dropped "${weakest[0]}", the weakest phrase (${worth(weakest[0]).toFixed(2)} rating points)`;

  // Variant 2, exploration: without the two weakest phrases, with two untried vocabulary phrases.
  // A phrase that was in every rated prompt cannot be judged; leaving one out is how it gets a score.
  const untested = shuffle(current.filter((p) => !isPreservation(p) && (scores.get(normalisePhrase(p))?.without ?? 0) === 0), random);
  const dropped = weakest.length ? weakest.slice(0, 2) : untested.slice(0, 1);
  let second = uniquePhrases([...current.filter((p) => !dropped.includes(p)), ...fresh.slice(0, 2)]);
  const tryTerms = fresh.slice(0, 2).map((p) => `"${p}"`).join(', ') || 'none left';
  const secondNote = `Tried untried photorealism terms (${tryTerms})${
    weakest.length ? ' and dropped the weakest phrases' : dropped.length ? ` and left out "${dropped[0]}" to measure what it is worth` : ''
  }`;

  // Neither may repeat a known prompt or the other variant: add untried terms until it differs.
  let spare = fresh.slice(2);
  const distinct = (phrases: string[], others: string[]) => {
    let out = fitClip(phrases, scores);
    while ([...known, ...others].some((k) => samePhrases(joinPhrases(out), k)) && spare.length > 0) {
      out = fitClip([...out, spare[0]!], scores);
      spare = spare.slice(1);
    }
    return out;
  };
  first = distinct(first, []);
  second = distinct(second, [joinPhrases(first)]);

  const negative = splitPhrases(brief.current_negative_prompt);
  const negativeTried = new Set(negative.map(normalisePhrase));
  const extraNegative = shuffle(vocabulary.negative.filter((p) => !negativeTried.has(normalisePhrase(p))), random)[0];
  const issues = brief.issues.map((i) => i.issue.toLowerCase()).join(', ');
  const make = (phrases: string[], note: string, negativePhrases: string[]): Variant => ({
    improved_prompt: joinPhrases(phrases),
    improved_negative_prompt: joinPhrases(negativePhrases),
    negative_kept: negativePhrases.length === negative.length,
    changes: phraseChanges(joinPhrases(current), joinPhrases(phrases), joinPhrases(negative), joinPhrases(negativePhrases)),
    reasoning: `${note}. Phrase scores come from ${input.samples.length} rated samples${issues ? `; recent low ratings mention: ${issues}` : ''}.`,
    expected_improvement: 'A higher mean rating in the paired test against the current version.',
  });
  return [
    make(first, firstNote, negative),
    make(second, secondNote, extraNegative ? [...negative, extraNegative] : negative),
  ];
}
