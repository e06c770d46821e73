import { analyzeCommonIssues, bestAndWorst, normalisePhrase, promptTextFor, RECENT_EXPERIMENTS, sortHistory, splitPhrases, type EvolutionBrief, type PromptLibrary, type TestedVersion, type VersionScore } from '../prompts';
import type { RatedOption, Store } from '../store';

// What an evolver is told: the current prompt with its recent rating, the issues of recent low
// ratings, the best and worst recent versions, the recent rated samples by prompt, and the scored
// history of the latest paired tests (best first), so the evolver builds on what won and avoids
// what lost. It reads the latest ratings only, so its cost does not grow with the workstation's.

export interface Told {
  brief: EvolutionBrief;
  samples: { prompt: string; rating: number }[];
  scores: VersionScore[];
  /** The evolutions recorded before this one: mixed into the offline evolver's seed. */
  evolutionsBefore: number;
}

/** How many of the latest evolutions the scored history reaches back over. */
const HISTORY_EVOLUTIONS = 100;

/** Every candidate with a decided paired test, with both prompts: the evolver's scored history. */
function testedVersions(store: Store, library: PromptLibrary): TestedVersion[] {
  return store.prompts.evolutions(HISTORY_EVOLUTIONS).flatMap((e) =>
    store.prompts.candidatesOf(e.id).flatMap((c) => {
      const candidate = c.version ? library.versions.get(c.version) : undefined;
      const baseline = c.test_baseline ? library.versions.get(c.test_baseline) : undefined;
      const decision = c.decision_json ? (JSON.parse(c.decision_json) as Pick<TestedVersion, 'verdict'> & { mean_difference: number | null }) : null;
      if (!candidate || !baseline || !decision || decision.mean_difference === null) return [];
      return [{
        version: candidate.version.version,
        prompt: candidate.version.leonardo.prompt,
        baseline_version: baseline.version.version,
        baseline_prompt: baseline.version.leonardo.prompt,
        mean_difference: decision.mean_difference,
        verdict: decision.verdict,
      }];
    }),
  );
}

/** The phrases added by candidates whose test ended with no visible effect, once each. */
function phrasesWithoutEffect(store: Store, library: PromptLibrary): string[] {
  const phrases = new Set<string>();
  for (const c of store.prompts.candidatesWithStatus('no_visible_effect')) {
    const candidate = c.version ? library.versions.get(c.version) : undefined;
    const baseline = c.test_baseline ? library.versions.get(c.test_baseline) : undefined;
    if (!candidate || !baseline) continue;
    const before = new Set(splitPhrases(baseline.version.leonardo.prompt).map(normalisePhrase));
    for (const p of splitPhrases(candidate.version.leonardo.prompt).map(normalisePhrase)) if (!before.has(p)) phrases.add(p);
  }
  return [...phrases];
}

/**
 * How many of the latest ratings a brief reads (two rated images each): every version in recent use
 * shows in them, and building the brief costs the same at a thousand pairs as at a hundred thousand.
 */
export const BRIEF_RATINGS = 500;

/** Each version's mean rating, sample count and last use within the recent ratings. */
function recentPerformance(rated: readonly RatedOption[]) {
  const byVersion = new Map<string, { sum: number; sample_count: number; last_used: string }>();
  for (const o of rated) {
    const seen = byVersion.get(o.prompt_version) ?? { sum: 0, sample_count: 0, last_used: o.answered_at };
    seen.sum += o.rating;
    seen.sample_count++;
    if (o.answered_at > seen.last_used) seen.last_used = o.answered_at;
    byVersion.set(o.prompt_version, seen);
  }
  return new Map([...byVersion].map(([version, p]) => [version, { avg_rating: p.sum / p.sample_count, sample_count: p.sample_count, last_used: p.last_used }]));
}

/**
 * What the evolver is told, from the recent ratings, the version files and the paired tests. With
 * `upTo` (the store's `lastWritten()` when the evolution was asked for) ratings that came in since do
 * not change what it is told, so the same ratings give the same brief however late it is built.
 */
export function makeBrief(store: Store, library: PromptLibrary, upTo?: number): Told {
  const current = library.versions.get(library.current)!.version;
  const rated = store.ratings.recentRatedOptions(BRIEF_RATINGS, upTo);
  const performance = recentPerformance(rated);
  const recentIds = new Set<string>();
  for (let i = rated.length - 1; i >= 0 && recentIds.size < RECENT_EXPERIMENTS; i--) recentIds.add(rated[i]!.experiment_id);
  const issues = analyzeCommonIssues(rated.filter((o) => recentIds.has(o.experiment_id)).map((o) => ({ experiment_id: o.experiment_id, rating: o.rating, comment: o.comment })));
  const scores: VersionScore[] = [...library.versions.values()]
    .map(({ version: v }) => ({ v, p: performance.get(v.version) }))
    .filter(({ p }) => p && p.sample_count > 0)
    .sort((a, b) => (a.p!.last_used < b.p!.last_used ? 1 : -1))
    .slice(0, 10)
    .map(({ v, p }) => ({ version: v.version, prompt: v.leonardo.prompt, negative_prompt: v.leonardo.negative_prompt, avg_rating: p!.avg_rating, sample_count: p!.sample_count }));
  const { best, worst } = bestAndWorst(scores);
  const own = performance.get(current.version);
  const samples = rated.flatMap((o) => {
    const loaded = library.versions.get(o.prompt_version);
    return loaded ? [{ prompt: promptTextFor(loaded.version, o.provider).prompt, rating: o.rating }] : [];
  });
  return {
    brief: {
      current_version: current.version,
      current_prompt: current.leonardo.prompt,
      current_negative_prompt: current.leonardo.negative_prompt,
      rating: own?.avg_rating ?? null,
      sample_count: own?.sample_count ?? 0,
      issues,
      best_recent: best,
      worst_recent: worst,
      known_prompts: [...library.versions.values()].map((l) => l.version.leonardo.prompt),
      history: sortHistory(testedVersions(store, library)),
      no_visible_effect: phrasesWithoutEffect(store, library),
    },
    samples,
    scores,
    evolutionsBefore: store.prompts.evolutionCount(),
  };
}
