import { join } from 'node:path';
import { ApiError, type CallOutput, type CallParsedInput, type ProviderId, type Settings } from '../api';
import {
  checkTriggers,
  nextEvolution,
  MAX_BACKOFF_INTERVALS,
  createLlmClient,
  DECISION_RULE,
  DEFAULT_LLM_RETRIES,
  PLATEAU_WINDOW,
  promptTextFor,
  TEST_PAIRS,
  wordDiff,
  writeCurrentFile,
  type PromptLibrary,
  type PromptValidator,
} from '../prompts';
import { checkEndpoint, chooseSecret, HTTP_API } from '../endpoints';
import type { ExperimentRecord, Store } from '../store';
import type { Emitter } from './events';
import { createEvolutionRunner, type LlmSettings } from './prompts-evolution';
import { createPromptTests } from './prompts-tests';
import { candidateView, evolutionView, versionSummary } from './prompts-views';
import type { SecretStore } from './secrets';

const LLM_KEY = 'prompts_llm';
const LLM_SECRET = 'llm_api_key';
/** The last version current.json named validly: where the app falls back when that file breaks. */
export const LAST_VALID_CURRENT = 'prompt_last_valid_current';

export interface PromptsDeps {
  store: Store;
  secrets: SecretStore;
  dataDir: string;
  /** The bundled `prompts/` folder: the evolution system prompt and the vocabulary live there. */
  promptsDir: string;
  validate: PromptValidator;
  library(): PromptLibrary;
  reload(): void;
  settings(): Settings;
  emitter: Emitter;
  newId(prefix: string): string;
  now(): string;
  seed: number;
  log(message: string): void;
  /** Tops the queue up, so a candidate's paired test starts without waiting for a rating. */
  refill(): void;
}

/**
 * Prompt evolution in the service: triggers after each rating, evolutions in the
 * background (an LLM when one is configured, the offline evolver otherwise), candidates' paired
 * tests in the queue, and the admins' decisions. Rating never waits for any of it.
 */
export function createPromptsSetup(deps: PromptsDeps) {
  const { store, secrets, emitter } = deps;
  const localDir = join(deps.dataDir, 'prompts', 'versions');
  const changed = (reason: string) => emitter.emit('promptsChanged', { reason });

  store.prompts.interruptRunning(deps.now());

  const llmSettings = (): LlmSettings | null => store.settings.get(LLM_KEY) ?? null;
  const llmView = (): CallOutput<'prompts.getLlmConfig'> => {
    const llm = llmSettings();
    return { configured: llm !== null, base_url: llm?.base_url ?? null, model: llm?.model ?? null, timeout_s: llm?.timeout_s ?? 60, has_key: secrets.get(LLM_SECRET) !== null };
  };
  const llmClient = (llm: LlmSettings) =>
    createLlmClient({ baseUrl: llm.base_url, model: llm.model, apiKey: secrets.get(LLM_SECRET), timeoutMs: llm.timeout_s * 1000, maxRetries: DEFAULT_LLM_RETRIES });

  /** Makes `version` current: current.json first, then the decision and its outbox row. */
  function adopt(version: string, action: 'approve' | 'rollback' | 'auto_adopt', decidedBy: string, note: string | null, candidateId: string | null): void {
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
    changed(`${version} is current`);
  }

  const tests = createPromptTests({ ...deps, adopt, changed });
  const runner = createEvolutionRunner({ ...deps, llmSettings, llmClient, changed, afterEvolution: () => tests.startNext() });

  const waitingWinner = () => (deps.settings().prompt_auto_adopt ? null : (store.prompts.candidatesWithStatus('won')[0] ?? null));
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
      : tests.active() !== null || store.prompts.candidatesWithStatus('queued').length > 0
        ? ('paired_test' as const)
        : waitingWinner() !== null
          ? ('admin_review' as const)
          : null;
    const llmFailures = recentLlmFailures();
    const decision = checkTriggers({ ratings, samples, currentMean, lastEvolutionAt: last?.at_sample ?? 0, busy: holding !== null, llmFailures });
    return { last, samples, decision, next: nextEvolution(decision, samples, holding, currentMean) };
  };

  /** After every rating, undo, skip or pull: advance the running test, then check the triggers. */
  function afterRatings(): void {
    // Runs inside the rating's event: a failure here (a full disk for the experiment file) is
    // logged, never reported as a failed rating, since the rating is saved already.
    if (runner.closed()) return;
    try {
      tests.progress();
      const { decision } = triggerState();
      if (decision.due) runner.start(decision.due, null);
    } catch (error) {
      deps.log(`prompt evolution after a rating failed: ${(error as Error).message}`);
    }
  }

  function overview(): CallOutput<'prompts.list'> {
    const library = deps.library();
    const performance = store.prompts.performance();
    const { next, samples } = triggerState();
    return {
      current_version: library.current,
      auto_adopt: deps.settings().prompt_auto_adopt,
      llm_configured: llmSettings() !== null,
      samples,
      next_evolution_at_sample: next.atSample,
      next_evolution_waiting_for: next.waitingFor,
      running: runner.running(),
      decision_rule: DECISION_RULE,
      versions: [...library.versions.values()]
        .map((loaded) => versionSummary(loaded, performance, library.current))
        .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0)),
      problems: library.problems,
      evolutions: store.prompts.evolutions(20).map((row) =>
        evolutionView(row, store.prompts.candidatesOf(row.id).map((c) => candidateView(c, tests.progressOf(c), store.prompts.decisionFor(c.id)))),
      ),
      decisions: store.prompts.decisions(50),
    };
  }

  const versionOf = (name: string) => {
    const loaded = deps.library().versions.get(name);
    if (!loaded) throw new ApiError('not_found', `There is no valid prompt version ${name} on this workstation. Pick one from the versions list.`);
    return loaded.version;
  };

  const handlers = {
    'prompts.list': overview,
    'prompts.get'(input: CallParsedInput<'prompts.get'>): CallOutput<'prompts.get'> {
      const version = versionOf(input.version);
      const performance = store.prompts.performance().get(version.version);
      return { ...version, performance: performance ?? version.performance };
    },
    'prompts.evolution'(input: CallParsedInput<'prompts.evolution'>): CallOutput<'prompts.evolution'> {
      const row = store.prompts.evolution(input.id);
      if (!row) throw new ApiError('not_found', `There is no evolution ${input.id} on this workstation. Check the id that "Evolve now" returned.`);
      return evolutionView(row, store.prompts.candidatesOf(row.id).map((c) => candidateView(c, tests.progressOf(c), store.prompts.decisionFor(c.id))));
    },
    'prompts.diff'(input: CallParsedInput<'prompts.diff'>): CallOutput<'prompts.diff'> {
      const from = versionOf(input.from).leonardo;
      const to = versionOf(input.to).leonardo;
      return { from: input.from, to: input.to, prompt: wordDiff(from.prompt, to.prompt), negative_prompt: wordDiff(from.negative_prompt, to.negative_prompt) };
    },
    'prompts.evolve'(input: CallParsedInput<'prompts.evolve'>): CallOutput<'prompts.evolve'> {
      if (runner.running()) throw new ApiError('conflict', 'An evolution is already running. Wait for its candidates to appear on this page, then evolve again.');
      const winner = waitingWinner();
      if (winner) {
        throw new ApiError('conflict', `${winner.version} won its paired test and waits for approval: a new evolution now would start from the old version. Approve or reject ${winner.version} first, then evolve again.`);
      }
      return { evolution_id: runner.start('manual', input.requested_by) };
    },
    'prompts.edit'(input: CallParsedInput<'prompts.edit'>): CallOutput<'prompts.edit'> {
      runner.edit(input.prompt, input.negative_prompt, input.edited_by, input.note ?? null);
      return overview();
    },
    'prompts.decide'(input: CallParsedInput<'prompts.decide'>): CallOutput<'prompts.decide'> {
      const candidate = store.prompts.candidate(input.candidate_id);
      if (!candidate) throw new ApiError('not_found', `There is no candidate ${input.candidate_id}. Reload the Prompts page.`);
      // A candidate the guardrail layers disagreed on waits for an admin: approving sends it to its test.
      if (!candidate.version && input.decision === 'approve' && candidate.status === 'rejected') {
        runner.release(candidate.id, input.decided_by);
        return overview();
      }
      if (!candidate.version) {
        throw new ApiError('conflict', `This variant was ${candidate.status === 'failed' ? 'never made (the evolver failed)' : 'rejected by the guardrails'}; there is nothing to ${input.decision}.`);
      }
      if (candidate.status === 'approved' || candidate.status === 'declined') {
        throw new ApiError('conflict', `${candidate.version} was already ${candidate.status}. Use "Roll back" in the versions list to change the current version.`);
      }
      if (input.decision === 'approve') {
        if (candidate.status === 'queued' || candidate.status === 'testing') {
          const rated = tests.progressOf(candidate)?.pairs_rated ?? 0;
          throw new ApiError('conflict', `${candidate.version} is still being tested (${rated}/${TEST_PAIRS} pairs rated). Approve it after the decision, or reject it now.`);
        }
        adopt(candidate.version, 'approve', input.decided_by, input.note ?? null, candidate.id);
      } else {
        store.prompts.decide(
          { id: deps.newId('pdc'), action: 'reject', version: candidate.version, previous_version: deps.library().current, candidate_id: candidate.id, decided_by: input.decided_by, decided_at: deps.now(), note: input.note ?? null },
          'declined',
        );
        // A rejected candidate's test ends here; the next queued one takes the queue's test slots.
        tests.startNext();
        changed(`${candidate.version} rejected`);
      }
      return overview();
    },
    'prompts.rollback'(input: CallParsedInput<'prompts.rollback'>): CallOutput<'prompts.rollback'> {
      versionOf(input.version);
      if (deps.library().current === input.version) throw new ApiError('conflict', `${input.version} is already the current version.`);
      adopt(input.version, 'rollback', input.decided_by, input.note ?? null, null);
      return overview();
    },
    'prompts.getLlmConfig': llmView,
    'prompts.configureLlm'(input: CallParsedInput<'prompts.configureLlm'>): CallOutput<'prompts.configureLlm'> {
      if (input.llm === null) {
        store.settings.set(LLM_KEY, null);
        secrets.set(LLM_SECRET, null);
      } else {
        const { api_key, ...rest } = input.llm;
        checkEndpoint(rest.base_url, { ...HTTP_API, field: 'llm.base_url', secretName: 'API key' });
        const { secret } = chooseSecret({ previousAddress: llmSettings()?.base_url ?? null, nextAddress: rest.base_url, entered: api_key, stored: secrets.get(LLM_SECRET) });
        store.settings.set(LLM_KEY, rest);
        secrets.set(LLM_SECRET, secret);
      }
      changed('llm settings');
      return llmView();
    },
    async 'prompts.testLlm'(): Promise<CallOutput<'prompts.testLlm'>> {
      const llm = llmSettings();
      if (!llm) return { ok: false, message: 'No LLM is set up: evolutions use the offline evolver.', action: 'Enter a base URL and a model, save, then test again.', attempts: 0 };
      const result = await llmClient(llm).ping();
      if (result.ok) return { ok: true, message: `${llm.model} at ${llm.base_url} answered.`, action: null, attempts: result.attempts };
      return { ok: false, message: result.message, action: result.action, attempts: result.attempts };
    },
  };

  return {
    handlers,
    afterRatings,
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
export type PromptsSetup = ReturnType<typeof createPromptsSetup>;
