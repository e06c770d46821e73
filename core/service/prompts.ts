import { ApiError, type CallOutput, type CallParsedInput } from '../api';
import { checkEndpoint, chooseSecret, HTTP_API } from '../endpoints';
import { createPromptEvolution, type LlmSettings, type PromptEvolutionDeps } from '../learning';
import { createLlmClient, DECISION_RULE, DEFAULT_LLM_RETRIES, TEST_PAIRS, wordDiff } from '../prompts';
import type { Clock } from '../schedule';
import type { Emitter } from './events';
import { candidateView, evolutionView, versionSummary } from './prompts-views';
import type { SecretStore } from './secrets';

const LLM_KEY = 'prompts_llm';
const LLM_SECRET = 'llm_api_key';
/** The last version current.json named validly: where the app falls back when that file breaks. */
export const LAST_VALID_CURRENT = 'prompt_last_valid_current';

/** What the workflow needs from the service (store, folders, library, settings), plus the handlers' own. */
export interface PromptsDeps extends Pick<PromptEvolutionDeps, 'store' | 'dataDir' | 'promptsDir' | 'validate' | 'library' | 'reload' | 'settings'> {
  secrets: SecretStore;
  emitter: Emitter;
  clock: Clock;
  newId(prefix: string): string;
  now(): string;
  seed: number;
  log(message: string): void;
  /** Tops the queue up, so a candidate's paired test starts without waiting for a rating. */
  refill(): void;
}

/**
 * The prompts.* calls on top of the prompt-evolution workflow (core/learning): the Prompts page's
 * views, the admins' decisions with what to do when one is refused, and the LLM settings with their
 * key in the secret store.
 */
export function createPromptsSetup(deps: PromptsDeps) {
  const { store, secrets, emitter } = deps;

  const llmSettings = (): LlmSettings | null => store.settings.get(LLM_KEY) ?? null;
  const llmView = (): CallOutput<'prompts.getLlmConfig'> => {
    const llm = llmSettings();
    return { configured: llm !== null, base_url: llm?.base_url ?? null, model: llm?.model ?? null, timeout_s: llm?.timeout_s ?? 60, has_key: secrets.get(LLM_SECRET) !== null };
  };
  const llmClient = (llm: LlmSettings) =>
    createLlmClient({ baseUrl: llm.base_url, model: llm.model, apiKey: secrets.get(LLM_SECRET), timeoutMs: llm.timeout_s * 1000, maxRetries: DEFAULT_LLM_RETRIES });
  const changed = (reason: string) => emitter.emit('promptsChanged', { reason });

  const evolution = createPromptEvolution({ ...deps, llmSettings, llmClient, changed });

  function overview(): CallOutput<'prompts.list'> {
    const library = deps.library();
    const performance = store.prompts.performance();
    const { next, samples } = evolution.triggerState();
    return {
      current_version: library.current,
      auto_adopt: deps.settings().prompt_auto_adopt,
      llm_configured: llmSettings() !== null,
      samples,
      next_evolution_at_sample: next.atSample,
      next_evolution_waiting_for: next.waitingFor,
      running: evolution.running(),
      decision_rule: DECISION_RULE,
      versions: [...library.versions.values()]
        .map((loaded) => versionSummary(loaded, performance, library.current))
        .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0)),
      problems: library.problems,
      evolutions: store.prompts.evolutions(20).map((row) =>
        evolutionView(row, store.prompts.candidatesOf(row.id).map((c) => candidateView(c, evolution.progressOf(c), store.prompts.decisionFor(c.id)))),
      ),
      decisions: store.prompts.decisions(50),
    };
  }

  const versionOf = (name: string) => {
    const loaded = deps.library().versions.get(name);
    if (!loaded) throw new ApiError('not_found', `There is no valid prompt version ${name} on this workstation. Pick one from the versions list.`);
    return loaded.version;
  };

  function release(candidateId: string, releasedBy: string): void {
    const result = evolution.release(candidateId, releasedBy);
    if (result === 'not_found') throw new ApiError('not_found', `There is no held candidate ${candidateId}. Reload the Prompts page.`);
    if (result === 'not_held') throw new ApiError('conflict', 'This variant was refused by the guardrails, not held for an admin; there is nothing to approve.');
    if (result === 'already_released') throw new ApiError('conflict', 'This variant was already released for its paired test.');
  }

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
      return evolutionView(row, store.prompts.candidatesOf(row.id).map((c) => candidateView(c, evolution.progressOf(c), store.prompts.decisionFor(c.id))));
    },
    'prompts.diff'(input: CallParsedInput<'prompts.diff'>): CallOutput<'prompts.diff'> {
      const from = versionOf(input.from).leonardo;
      const to = versionOf(input.to).leonardo;
      return { from: input.from, to: input.to, prompt: wordDiff(from.prompt, to.prompt), negative_prompt: wordDiff(from.negative_prompt, to.negative_prompt) };
    },
    'prompts.evolve'(input: CallParsedInput<'prompts.evolve'>): CallOutput<'prompts.evolve'> {
      if (evolution.running()) throw new ApiError('conflict', 'An evolution is already running. Wait for its candidates to appear on this page, then evolve again.');
      const winner = evolution.waitingWinner();
      if (winner) {
        throw new ApiError('conflict', `${winner.version} won its paired test and waits for approval: a new evolution now would start from the old version. Approve or reject ${winner.version} first, then evolve again.`);
      }
      const tested = evolution.underTest();
      if (tested) {
        const progress = evolution.progressOf(tested);
        const where = progress ? `is in its paired test (${progress.pairs_rated}/${TEST_PAIRS} pairs rated)` : 'waits for its paired test';
        throw new ApiError('conflict', `${tested.version} ${where}: a new evolution now would start from a version it may replace. Rate its pairs until it is decided, or reject it, then evolve again.`);
      }
      return { evolution_id: evolution.evolveNow(input.requested_by) };
    },
    'prompts.edit'(input: CallParsedInput<'prompts.edit'>): CallOutput<'prompts.edit'> {
      const result = evolution.edit(input.prompt, input.negative_prompt, input.edited_by, input.note ?? null);
      if (!result.saved) throw new ApiError('invalid_input', `The edited prompt was not saved: ${result.reasons.join('; ')}. Change it and save again.`);
      return overview();
    },
    'prompts.decide'(input: CallParsedInput<'prompts.decide'>): CallOutput<'prompts.decide'> {
      const candidate = store.prompts.candidate(input.candidate_id);
      if (!candidate) throw new ApiError('not_found', `There is no candidate ${input.candidate_id}. Reload the Prompts page.`);
      // A candidate the guardrail layers disagreed on waits for an admin: approving sends it to its test.
      if (!candidate.version && input.decision === 'approve' && candidate.status === 'rejected') {
        release(candidate.id, input.decided_by);
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
          const rated = evolution.progressOf(candidate)?.pairs_rated ?? 0;
          throw new ApiError('conflict', `${candidate.version} is still being tested (${rated}/${TEST_PAIRS} pairs rated). Approve it after the decision, or reject it now.`);
        }
        evolution.adopt(candidate.version, 'approve', input.decided_by, input.note ?? null, candidate.id);
      } else {
        evolution.decline({ ...candidate, version: candidate.version }, input.decided_by, input.note ?? null);
      }
      return overview();
    },
    'prompts.rollback'(input: CallParsedInput<'prompts.rollback'>): CallOutput<'prompts.rollback'> {
      versionOf(input.version);
      if (deps.library().current === input.version) throw new ApiError('conflict', `${input.version} is already the current version.`);
      evolution.adopt(input.version, 'rollback', input.decided_by, input.note ?? null, null);
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
    afterRatings: evolution.afterRatings,
    testPair: evolution.testPair,
    indistinctTestPair: evolution.indistinctTestPair,
    promptFor: evolution.promptFor,
    status: evolution.status,
    close: evolution.close,
  };
}
export type PromptsSetup = ReturnType<typeof createPromptsSetup>;
