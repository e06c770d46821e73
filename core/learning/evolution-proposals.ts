import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mixSeed } from '../optimizer';
import {
  evolveOffline,
  phrasesToJudge,
  VARIANTS_PER_EVOLUTION,
  type EvolutionBrief,
  type JudgeOutcome,
  type LlmClient,
  type LlmFailure,
  type TokenUsage,
  type Variant,
  type Vocabulary,
} from '../prompts';
import type { Clock } from '../schedule';
import type { Told } from './evolution-brief';

// What the evolver proposes for one evolution, before the guardrails' rules and the version files.

export interface LlmSettings {
  base_url: string;
  model: string;
  timeout_s: number;
}

export interface ProposalDeps {
  /** The bundled `prompts/` folder: the evolution system prompt and the vocabulary live there. */
  promptsDir: string;
  seed: number;
  log(message: string): void;
  llmSettings(): LlmSettings | null;
  llmClient(settings: LlmSettings): LlmClient;
  clock: Clock;
  /** The total time one LLM evolution may take; EVOLUTION_DEADLINE_TIMEOUTS × the timeout when absent. */
  evolutionDeadlineMs?: number;
}

/** One evolution may take this many per-attempt timeouts in all (two variants and their judging). */
export const EVOLUTION_DEADLINE_TIMEOUTS = 3;
/** Said with every LLM failure: the way to keep evolving while the server is unusable. */
export const OFFLINE_HINT = 'To evolve without the LLM meanwhile, remove the LLM settings: the offline evolver needs no server.';

/**
 * One proposal, or why there is none. `released`: an admin let a held proposal through after reading
 * both guardrail verdicts; it is recorded as a further variant of its evolution, saying which it releases.
 */
export type Outcome = { ok: true; variant: Variant; judge?: JudgeOutcome; released?: { by: string; note: string }; index?: number } | { ok: false; failure: Pick<LlmFailure, 'message' | 'action'> };

function readBundled(promptsDir: string) {
  const systemFile = join(promptsDir, 'evolution-system-prompt.txt');
  const vocabularyFile = join(promptsDir, 'photorealism-vocabulary.json');
  for (const file of [systemFile, vocabularyFile]) {
    if (!existsSync(file)) throw new Error(`The bundled file prompts/${file.split(/[\\/]/).at(-1)} is missing. Reinstall the app.`);
  }
  return { system: readFileSync(systemFile, 'utf8'), vocabulary: JSON.parse(readFileSync(vocabularyFile, 'utf8')) as Vocabulary };
}

/**
 * Asks the evolver for the variants of one evolution: the LLM (each proposal then judged, all within
 * one total deadline on the injected clock) when one is set up, the offline evolver otherwise.
 * The LLM's failures are outcomes with what to do; a missing bundled file throws. `signal` (the app
 * closing) stops the LLM.
 */
export async function proposeVariants(deps: ProposalDeps, id: string, told: Told, signal: AbortSignal) {
  const { system, vocabulary } = readBundled(deps.promptsDir);
  const llm = deps.llmSettings();
  const usage: TokenUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  let attempts = 0;
  let counted = false;
  const outcomes: Outcome[] = [];
  if (llm) {
    const client = deps.llmClient(llm);
    // The timeout is per attempt and the client retries: without a total deadline a hanging
    // server would hold one evolution for every attempt of every call.
    const deadlineMs = deps.evolutionDeadlineMs ?? EVOLUTION_DEADLINE_TIMEOUTS * llm.timeout_s * 1000;
    const deadline = new AbortController();
    const cancelDeadline = deps.clock.after(deadlineMs, () => deadline.abort());
    const both = AbortSignal.any([signal, deadline.signal]);
    const overdue = (): Pick<LlmFailure, 'message' | 'action'> => ({
      message: `The LLM server did not answer in time: the evolution stopped at its total deadline of ${Math.round(deadlineMs / 1000)} s.`,
      action: `Check that the server runs and the model is loaded, or raise the timeout in the LLM settings. ${OFFLINE_HINT}`,
    });
    try {
      await proposeWithLlm(client, both, () => deadline.signal.aborted, overdue);
    } finally {
      cancelDeadline();
    }
  } else {
    // Seeded per evolution: after a loss, or candidates with no visible effect and no new ratings,
    // the same seed would draw the same untried phrases again.
    const variants = evolveOffline({ brief: told.brief, samples: told.samples, versions: told.scores, vocabulary, seed: mixSeed(deps.seed, told.evolutionsBefore) });
    outcomes.push(...variants.map((variant) => ({ ok: true as const, variant })));
  }
  deps.log(`evolution ${id}: ${outcomes.filter((o) => o.ok).length} of ${outcomes.length} variants proposed`);
  return { outcomes, usage: counted ? usage : null, attempts: llm ? attempts : null };

  async function proposeWithLlm(client: LlmClient, stop: AbortSignal, isOverdue: () => boolean, overdue: () => Pick<LlmFailure, 'message' | 'action'>) {
    for (let i = 0; i < VARIANTS_PER_EVOLUTION; i++) {
      const result = await client.evolve(system, told.brief, i, stop);
      attempts += result.attempts;
      if (result.usage) {
        counted = true;
        usage.prompt_tokens += result.usage.prompt_tokens;
        usage.completion_tokens += result.usage.completion_tokens;
        usage.total_tokens += result.usage.total_tokens;
      }
      if (result.ok) outcomes.push({ ok: true, variant: result.value });
      else outcomes.push({ ok: false, failure: isOverdue() ? overdue() : { message: result.message, action: `${result.action} ${OFFLINE_HINT}` } });
      // A server that is down, slow or refuses the key will not do better for the next variant.
      if (!result.ok && !['invalid_json', 'wrong_shape'].includes(result.kind)) return;
    }
    await judgeAll(client, told.brief, outcomes, stop);
    if (isOverdue()) {
      for (const outcome of outcomes) if (outcome.ok && outcome.judge && !outcome.judge.ok) outcome.judge = { ok: false, ...overdue() };
    }
  }
}

/** The guardrails' second layer: the LLM judge on every proposal's changed phrases. */
async function judgeAll(client: LlmClient, told: EvolutionBrief, outcomes: Outcome[], signal: AbortSignal): Promise<void> {
  for (const outcome of outcomes) {
    if (!outcome.ok) continue;
    const phrases = phrasesToJudge({ prompt: outcome.variant.improved_prompt, negative_prompt: '', current_prompt: told.current_prompt, known_prompts: [] });
    if (phrases.length === 0) continue;
    const judged = await client.judge(told.current_prompt, phrases, signal);
    outcome.judge = judged.ok ? { ok: true, value: judged.value } : { ok: false, message: judged.message, action: judged.action };
  }
}
