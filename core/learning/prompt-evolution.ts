import { join } from 'node:path';
import type { ProviderId, Settings } from '../api';
import {
  checkTriggers,
  nextEvolution,
  MAX_BACKOFF_INTERVALS,
  PLATEAU_WINDOW,
  promptTextFor,
  writeCurrentFile,
  type LlmClient,
  type PromptLibrary,
  type PromptValidator,
} from '../prompts';
import type { Clock } from '../schedule';
import type { CandidateRow, ExperimentRecord, Store } from '../store';
import { createEvolutionRunner } from './evolution-runner';
import type { LlmSettings } from './evolution-proposals';
import { createPairedTests } from './paired-tests';

export type AdoptAction = 'approve' | 'rollback' | 'auto_adopt';

/** How many evolutions in a row whose candidates showed no visible effect the triggers look past. */
const NO_EFFECT_SKIPS = 2;

export interface PromptEvolutionDeps {
  store: Store;
  dataDir: string;
  /** The bundled `prompts/` folder: the evolution system prompt and the vocabulary live there. */
  promptsDir: string;
  validate: PromptValidator;
  library(): PromptLibrary;
  reload(): void;
  settings(): Settings;
  /** The LLM the evolutions use, or null for the offline evolver; its client carries the stored key. */
  llmSettings(): LlmSettings | null;
  llmClient(settings: LlmSettings): LlmClient;
  /** Told after each change of versions, evolutions, candidates or tests, once it is in effect. */
  changed(reason: string): void;
  clock: Clock;
  newId(prefix: string): string;
  now(): string;
  seed: number;
  log(message: string): void;
  /** Tops the queue up, so a candidate's paired test starts without waiting for a rating. */
  refill(): void;
  /** The total time one LLM evolution may take; a multiple of the LLM's timeout when absent. */
  evolutionDeadlineMs?: number;
}

/**
 * Prompt evolution after ratings: the triggers, evolutions in the background (an LLM when one is
 * configured, the offline evolver otherwise), the candidates' paired tests in the queue, and what
 * an admin's decision does. Rating never waits for any of it; the contract's handlers sit above.
 */
export function createPromptEvolution(deps: PromptEvolutionDeps) {
  const { store } = deps;
  const localDir = join(deps.dataDir, 'prompts', 'versions');

  store.prompts.interruptRunning(deps.now());

  /** Makes `version` current: current.json first, then the decision and its outbox row. */
  function adopt(version: string, action: AdoptAction, decidedBy: string, note: string | null, candidateId: string | null): void {
    const previous = deps.library().current;
    writeCurrentFile(localDir, version);
    try {
      store.prompts.decide(
        { id: deps.newId('pdc'), action, version, previous_version: previous, candidate_id: candidateId, decided_by: decidedBy, decided_at: deps.now(), note },
        candidateId ? 'approved' : null,
      );
    } catch (error) {
      // The decision was not recorded: put the pointer back, so file and record agree.
      writeCurrentFile(localDir, previous);
      throw error;
    }
    deps.reload();
    deps.log(`prompt version ${version} is current (${action} by ${decidedBy})`);
    deps.changed(`${version} is current`);
  }

  const tests = createPairedTests({ ...deps, adopt });
  const runner = createEvolutionRunner({ ...deps, afterEvolution: () => tests.startNext() });

  const waitingWinner = (): CandidateRow | null => (deps.settings().prompt_auto_adopt ? null : (store.prompts.candidatesWithStatus('won')[0] ?? null));
  /** The candidate in its paired test, else the first waiting for one: either may still replace the baseline. */
  const underTest = (): CandidateRow | null => tests.active() ?? store.prompts.candidatesWithStatus('queued')[0] ?? null;
  /** The LLM evolutions that failed in a row, newest first: automatic evolutions back off after them. */
  const recentLlmFailures = () => {
    let failures = 0;
    for (const row of store.prompts.evolutions(MAX_BACKOFF_INTERVALS + 1)) {
      if (row.evolver === 'admin') continue;
      if (row.evolver !== 'llm' || row.status !== 'failed') break;
      failures++;
    }
    return failures;
  };

  /**
   * The sample count the triggers count the next evolution from: the last evolution that cost
   * trainer time. One whose candidates all left their tests with no visible effect cost none (nor
   * did its rejected or failed ones), so the next may follow at once; at most NO_EFFECT_SKIPS in a
   * row, so an evolver that finds nothing visible does not run back to back.
   */
  const countFrom = (): number => {
    const recent = store.prompts.evolutions(NO_EFFECT_SKIPS + 1);
    for (const row of recent.slice(0, NO_EFFECT_SKIPS)) {
      const statuses = store.prompts.candidatesOf(row.id).map((c) => c.status);
      const unseen = statuses.includes('no_visible_effect') && statuses.every((s) => s === 'no_visible_effect' || s === 'rejected' || s === 'failed');
      if (!unseen) return row.at_sample;
    }
    return recent[NO_EFFECT_SKIPS]?.at_sample ?? 0;
  };

  const triggerState = () => {
    // After every rating, and again for its status: a count, the last ratings and one version's mean,
    // each by SQL, not every rating read again.
    const samples = store.prompts.sampleCount();
    const ratings = store.prompts.recentSampleRatings(2 * PLATEAU_WINDOW);
    const currentMean = store.prompts.versionMean(deps.library().current);
    const last = store.prompts.lastEvolution();
    // A winner waiting for approval would make a new evolution start from the old baseline.
    const holding = runner.running()
      ? ('evolution_running' as const)
      : underTest() !== null
        ? ('paired_test' as const)
        : waitingWinner() !== null
          ? ('admin_review' as const)
          : null;
    const llmFailures = recentLlmFailures();
    const decision = checkTriggers({ ratings, samples, currentMean, lastEvolutionAt: last ? countFrom() : 0, busy: holding !== null, llmFailures });
    return { last, samples, decision, next: nextEvolution(decision, samples, holding, currentMean) };
  };

  /** After every rating, undo, skip or pull: advance the running test, then check the triggers. */
  function afterRatings(): void {
    if (runner.closed()) return;
    // Runs inside the ratings signal: a failure here (a full disk for the experiment file) is
    // logged, never reported as a failed rating, since the rating is saved already.
    try {
      tests.progress();
      const { decision } = triggerState();
      if (decision.due) runner.due(decision.due);
    } catch (error) {
      deps.log(`prompt evolution after a rating failed: ${(error as Error).message}`);
    }
  }

  return {
    afterRatings,
    triggerState,
    waitingWinner,
    underTest,
    adopt,
    running: runner.running,
    /** Records an evolution an admin asked for and returns its id; the work continues in the background. */
    evolveNow: (requestedBy: string) => runner.start('manual', requestedBy),
    edit: runner.edit,
    release: runner.release,
    /** An admin declines a tested candidate: its test ends, and the next queued one takes the queue's test slots. */
    decline(candidate: CandidateRow & { version: string }, decidedBy: string, note: string | null): void {
      store.prompts.decide(
        { id: deps.newId('pdc'), action: 'reject', version: candidate.version, previous_version: deps.library().current, candidate_id: candidate.id, decided_by: decidedBy, decided_at: deps.now(), note },
        'declined',
      );
      tests.startNext();
      deps.changed(`${candidate.version} rejected`);
    },
    progressOf: tests.progressOf,
    /** What the queue needs for a paired test's pair, when one is due. */
    testPair: tests.nextPair,
    /** Called by the queue, off any request: a failure is logged, the queue goes on. */
    indistinctTestPair(experiment: ExperimentRecord): void {
      try {
        tests.indistinctPair(experiment);
      } catch (error) {
        deps.log(`recording a prompt test's unseen pair failed: ${(error as Error).message}`);
      }
    },
    promptFor(provider: ProviderId, version?: string) {
      const library = deps.library();
      const loaded = library.versions.get(version ?? library.current);
      if (!loaded) throw new Error(`Prompt version ${version} is not on this workstation (its file is missing or invalid).`);
      return promptTextFor(loaded.version, provider);
    },
    /** The seed's `prompt_evolution` block of `train.status`. */
    status() {
      const { last, next } = triggerState();
      return {
        active: true,
        current_version: deps.library().current,
        last_evolution: last?.started_at ?? null,
        next_evolution_at_sample: next.atSample,
        next_evolution_waiting_for: next.waitingFor,
      };
    },
    close: runner.close,
  };
}
export type PromptEvolution = ReturnType<typeof createPromptEvolution>;
