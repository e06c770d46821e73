import type { CallOutput } from '../api';
import type { TestProgress } from '../learning';
import type { LoadedVersion } from '../prompts';
import type { CandidateRow, DecisionRow, EvolutionRow, VersionPerformance } from '../store';

// How the Prompts page sees versions, evolutions and candidates.

type Overview = CallOutput<'prompts.list'>;
type EvolutionView = Overview['evolutions'][number];
type CandidateView = EvolutionView['candidates'][number];

const parse = <T>(json: string | null): T | null => (json ? (JSON.parse(json) as T) : null);

export function versionSummary(loaded: LoadedVersion, performance: Map<string, VersionPerformance>, current: string): Overview['versions'][number] {
  const v = loaded.version;
  return {
    version: v.version,
    origin: loaded.origin,
    parent_version: v.parent_version,
    created_at: v.created_at,
    created_by: v.created_by,
    description: v.metadata.description,
    tags: v.metadata.tags,
    prompt: v.leonardo.prompt,
    negative_prompt: v.leonardo.negative_prompt,
    // The ratings table is where ratings live; the file's block is only its state when written.
    performance: performance.get(v.version) ?? v.performance,
    current: v.version === current,
  };
}

interface Proposal {
  improved_prompt: string;
  improved_negative_prompt: string;
  changes: string[];
  reasoning: string;
  expected_improvement: string;
}

export function candidateView(row: CandidateRow, test: TestProgress | null, decision: DecisionRow | null): CandidateView {
  const proposal = parse<Proposal>(row.proposal_json);
  const decided = test?.decision ?? null;
  return {
    id: row.id,
    variant: row.variant,
    version: row.version,
    status: row.status,
    prompt: proposal?.improved_prompt ?? null,
    negative_prompt: proposal?.improved_negative_prompt ?? null,
    changes: proposal?.changes ?? [],
    reasoning: proposal?.reasoning ?? null,
    expected_improvement: proposal?.expected_improvement ?? null,
    guardrails: parse(row.verdict_json),
    error: row.error ? { message: row.error, action: row.error_action ?? '' } : null,
    test: test && {
      file: test.file,
      baseline_version: test.baseline_version,
      pairs_rated: test.pairs_rated,
      pairs_target: test.pairs_target,
      decision: decided && {
        pairs: decided.pairs,
        mean_difference: decided.mean_difference,
        p_better_rating: decided.p_better_rating,
        p_preferred: decided.p_preferred,
        wins: decided.wins,
        verdict: decided.verdict,
      },
    },
    decision: decision && { action: decision.action, decided_by: decision.decided_by, decided_at: decision.decided_at, note: decision.note },
  };
}

export function evolutionView(row: EvolutionRow, candidates: CandidateView[]): EvolutionView {
  const brief = parse<{ issues: { issue: string }[] }>(row.brief_json);
  return {
    id: row.id,
    trigger: row.trigger,
    requested_by: row.requested_by,
    evolver: row.evolver,
    model: row.model,
    status: row.status,
    started_at: row.started_at,
    finished_at: row.finished_at,
    at_sample: row.at_sample,
    parent_version: row.parent_version,
    issues: brief?.issues.map((i) => i.issue) ?? [],
    error: row.error ? { message: row.error, action: row.error_action ?? '' } : null,
    usage: parse(row.usage_json),
    attempts: row.attempts,
    candidates,
  };
}
