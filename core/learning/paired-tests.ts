import { join } from 'node:path';
import type { Mode, Settings } from '../api';
import {
  decidePairedTest,
  DECISION_RULE,
  experimentFileName,
  nextExperimentNumber,
  TEST_PAIRS,
  writeExperimentFile,
  type PairedDecision,
  type PairResult,
  type PromptLibrary,
} from '../prompts';
import type { CandidateRow, ExperimentRecord, Store, TestPairRow } from '../store';

// A candidate's paired A/B test. One test at a time, in the order the
// candidates were made: the queue asks `nextPair()` for each new pair and gets the baseline and
// candidate versions until 5 pairs exist; the decision rule of core/prompts/paired-test.ts decides
// after 5 rated pairs, or from the 3rd on when the outcome is already plain. Each test is recorded as
// `<data dir>/prompts/experiments/experiment_NNN.json` (the seed's layout), rewritten as it goes.
// A pair whose two outputs cannot be told apart is never shown (core/queue/distinct.ts); once such
// pairs are at least NO_EFFECT_PAIRS and outnumber the ones that could be, the candidate has no
// visible effect and leaves its test. One such pair is not enough: a real but weak effect can vanish
// at one parameter point (a ControlNet weight near 0.99 mutes every effect) and show at the next.

/** How far a candidate's paired test got, as the Prompts page shows it. */
export interface TestProgress {
  file: string | null;
  baseline_version: string;
  pairs_rated: number;
  pairs_target: number;
  decision: PairedDecision | null;
}

export interface PairedTestsDeps {
  store: Store;
  dataDir: string;
  library(): PromptLibrary;
  settings(): Settings;
  now(): string;
  log(message: string): void;
  refill(): void;
  adopt(version: string, action: 'auto_adopt', decidedBy: string, note: string | null, candidateId: string): void;
  changed(reason: string): void;
}

const LIVE = new Set(['generating', 'ready', 'rated']);
const NO_EFFECT_PAIRS = 2;
const isRated = (p: TestPairRow) => p.rating_a !== null && p.rating_b !== null && p.outcome !== null;

export function createPairedTests(deps: PairedTestsDeps) {
  const { store } = deps;
  const dir = join(deps.dataDir, 'prompts', 'experiments');
  const written = new Map<string, number>();

  const active = (): CandidateRow | null => store.prompts.candidatesWithStatus('testing')[0] ?? null;
  const pairsOf = (c: CandidateRow): TestPairRow[] => (c.test_baseline && c.version ? store.prompts.testPairs(c.test_baseline, c.version) : []);
  const resultsOf = (pairs: TestPairRow[]): PairResult[] =>
    pairs.filter(isRated).slice(0, TEST_PAIRS).map((p) => ({ rating_a: p.rating_a!, rating_b: p.rating_b!, outcome: p.outcome! }));

  function record(c: CandidateRow, pairs: TestPairRow[], decision: ReturnType<typeof decidePairedTest> | null): void {
    if (c.test_number === null) return;
    const unseen = pairs.filter((p) => p.status === 'indistinct');
    const evolution = store.prompts.evolution(c.evolution_id);
    writeExperimentFile(dir, c.test_number, {
      experiment: experimentFileName(c.test_number).replace('.json', ''),
      candidate_id: c.id,
      evolution_id: c.evolution_id,
      trigger: evolution?.trigger ?? null,
      baseline_version: c.test_baseline,
      candidate_version: c.version,
      started_at: c.test_started_at,
      status: decision ? 'decided' : c.status === 'no_visible_effect' ? 'no_visible_effect' : 'running',
      pairs_target: TEST_PAIRS,
      design: 'paired: baseline and candidate on sides drawn by a seeded coin (candidate_side), same source render, parameters and seed; rating_a is the baseline, rating_b the candidate',
      pairs: pairs.filter(isRated).slice(0, TEST_PAIRS).map((p) => ({
        experiment_id: p.experiment_id,
        mode: p.mode,
        source_sha256: p.source_sha256,
        parameters: JSON.parse(p.parameters_json),
        seed: p.seed,
        candidate_side: p.candidate_side,
        rating_a: p.rating_a,
        rating_b: p.rating_b,
        difference: p.rating_b! - p.rating_a!,
        outcome: p.outcome,
        rated_by: p.rated_by,
        rated_at: p.answered_at,
      })),
      pairs_set_aside: unseen.map((p) => ({ experiment_id: p.experiment_id, source_sha256: p.source_sha256, checks: store.pairChecks.of(p.experiment_id) })),
      decision: decision && { ...decision, decided_at: deps.now() },
      decision_rule: DECISION_RULE,
    });
  }

  /** Starts the oldest queued candidate's test when none runs. */
  function startNext(): void {
    if (active()) return;
    const next = store.prompts.candidatesWithStatus('queued')[0];
    if (!next) return;
    const number = store.prompts.nextTestNumber(nextExperimentNumber(dir));
    store.prompts.startTest(next.id, number, deps.now(), deps.library().current);
    const started = store.prompts.candidate(next.id)!;
    record(started, [], null);
    written.set(next.id, 0);
    deps.log(`paired test ${experimentFileName(number)}: ${started.test_baseline} (A) against ${started.version} (B)`);
    deps.changed(`test of ${started.version} started`);
    deps.refill();
  }

  /** Records new rated pairs of the running test and decides after the fifth. */
  function progress(): void {
    const c = active();
    if (!c) return startNext();
    const pairs = pairsOf(c);
    const results = resultsOf(pairs);
    if (written.get(c.id) === results.length) return;
    written.set(c.id, results.length);
    const decision = decidePairedTest(results);
    if (decision.verdict === 'undecided') {
      record(c, pairs, null);
      deps.changed(`test of ${c.version}: ${results.length}/${TEST_PAIRS}`);
      return;
    }
    const won = decision.verdict === 'candidate_better';
    store.prompts.setCandidateStatus(c.id, won ? 'won' : 'lost', { json: JSON.stringify(decision), at: deps.now() });
    record(c, pairs, decision);
    const early = decision.stopped_early ? `, stopped early after ${results.length} pairs` : '';
    deps.log(`paired test of ${c.version}: ${won ? 'better' : 'not better'} (P = ${decision.p_better_rating.toFixed(2)}${early})`);
    deps.changed(`test of ${c.version} decided`);
    if (won && deps.settings().prompt_auto_adopt) {
      deps.adopt(c.version!, 'auto_adopt', 'auto-adopt', `won its paired test (P = ${decision.p_better_rating.toFixed(2)})`, c.id);
    }
    startNext();
  }

  /** One of the running test's pairs was set aside unseen: the candidate leaves once enough, and most, of its pairs were. */
  function indistinctPair(experiment: ExperimentRecord): void {
    const c = active();
    // Either side may hold the candidate (a seeded coin picks it per pair).
    const versions = experiment.options.map((o) => o.prompt_version).sort();
    if (!c || !c.test_baseline || !c.version || versions.join() !== [c.test_baseline, c.version].sort().join()) return;
    const pairs = pairsOf(c);
    const unseen = pairs.filter((p) => p.status === 'indistinct').length;
    const seen = pairs.filter((p) => p.status !== 'indistinct' && p.status !== 'generating' && p.status !== 'failed').length;
    if (unseen < NO_EFFECT_PAIRS || unseen <= seen) return;
    store.prompts.setCandidateStatus(c.id, 'no_visible_effect', { json: null, at: deps.now() });
    record(store.prompts.candidate(c.id)!, pairs, null);
    written.delete(c.id);
    deps.log(`paired test of ${c.version}: no visible effect (${unseen} of its pairs looked the same as ${c.test_baseline}'s), no trainer time spent on it`);
    deps.changed(`test of ${c.version}: no visible effect`);
    startNext();
  }

  return {
    active,
    indistinctPair,
    startNext,
    progress,
    /** The versions of the next pair when the running test still needs pairs; null otherwise. */
    nextPair(mode: Mode): { baseline: string; candidate: string } | null {
      const c = active();
      if (!c?.version || !c.test_baseline) return null;
      const library = deps.library();
      if (!library.versions.has(c.version) || !library.versions.has(c.test_baseline)) return null;
      // Pairs still waiting in the other mode may never be rated (trainers stay in one mode for
      // hours): only rated pairs and the ones waiting in this mode count, so a test always finishes.
      const pairs = pairsOf(c);
      const counted = pairs.filter((p) => isRated(p) || (LIVE.has(p.status) && p.mode === mode)).length;
      return counted < TEST_PAIRS ? { baseline: c.test_baseline, candidate: c.version } : null;
    },
    progressOf(c: CandidateRow): TestProgress | null {
      if (c.test_number === null || !c.test_baseline) return null;
      return {
        file: `prompts/experiments/${experimentFileName(c.test_number)}`,
        baseline_version: c.test_baseline,
        pairs_rated: resultsOf(pairsOf(c)).length,
        pairs_target: TEST_PAIRS,
        decision: c.decision_json ? JSON.parse(c.decision_json) : null,
      };
    },
  };
}
