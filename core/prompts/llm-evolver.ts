import OpenAI from 'openai';
import { EvolvedPromptSchema, toVariant, type EvolutionBrief, type Variant } from './brief';
import { sortHistory, wonAndLost } from './history';
import { JUDGE_JSON_SCHEMA, JUDGE_SCHEMA_NAME, JUDGE_SYSTEM, judgeUserMessage, readJudgeAnswer, type PhraseVerdict } from './llm-judge';

// The LLM evolver (the seed's `evolvePrompt`): the official `openai` client, so any
// OpenAI-compatible server works (OpenAI, Ollama, LM Studio, vLLM) by its base URL. The client's
// own retry does the backoff on 429 and 5xx (0.5 s doubling, or the server's Retry-After); every
// failure ends as an `LlmFailure` that says what happened and what to do, never as a thrown error.

export interface LlmConfig {
  baseUrl: string;
  model: string;
  apiKey: string | null;
  /** Per attempt; the client retries timeouts too. */
  timeoutMs: number;
  maxRetries: number;
}

export const DEFAULT_LLM_TIMEOUT_MS = 60_000;
export const DEFAULT_LLM_RETRIES = 2;

export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export type LlmFailureKind = 'invalid_json' | 'wrong_shape' | 'rate_limited' | 'server_error' | 'timeout' | 'unreachable' | 'auth' | 'not_found' | 'refused';

export interface LlmFailure {
  ok: false;
  kind: LlmFailureKind;
  message: string;
  action: string;
  attempts: number;
  usage: TokenUsage | null;
}

export interface LlmSuccess<T> {
  ok: true;
  value: T;
  attempts: number;
  usage: TokenUsage | null;
}

// Two variants per evolution (the seed's "GPT-4 generates 2 variants"); each call asks for one, in
// a different spirit, because `n > 1` is not supported by every OpenAI-compatible server.
const VARIANT_STYLES = [
  'Variant 1 of 2: conservative. Keep every phrase that works; fix the top issues with the fewest changes.',
  'Variant 2 of 2: bolder. Rework the weak phrases and add new photorealism terms that address the issues.',
] as const;
export const VARIANTS_PER_EVOLUTION = VARIANT_STYLES.length;

/** The user message: the seed's JSON fields, plus what the issue adds (negative prompt, versions). */
export function userMessage(brief: EvolutionBrief, variant: number): string {
  return JSON.stringify({
    current_prompt: brief.current_prompt,
    current_negative_prompt: brief.current_negative_prompt,
    rating: brief.rating,
    sample_count: brief.sample_count,
    issues: brief.issues.map((i) => i.issue),
    best_recent_version: brief.best_recent && { version: brief.best_recent.version, prompt: brief.best_recent.prompt, avg_rating: brief.best_recent.avg_rating },
    worst_recent_version: brief.worst_recent && { version: brief.worst_recent.version, prompt: brief.worst_recent.prompt, avg_rating: brief.worst_recent.avg_rating },
    scored_history: sortHistory(brief.history ?? []).map((t) => ({ version: t.version, prompt: t.prompt, against: t.baseline_version, mean_rating_difference: Number(t.mean_difference.toFixed(2)), verdict: t.verdict })),
    phrases_that_won: wonAndLost(brief.history ?? []).won,
    phrases_that_lost: wonAndLost(brief.history ?? []).lost,
    phrases_without_visible_effect: brief.no_visible_effect ?? [],
    instructions: [
      'scored_history lists every tested version, best first, with its paired-test result against the version before it: build on what won, avoid what lost.',
      'phrases_without_visible_effect changed nothing in the generated images: do not propose them again.',
      VARIANT_STYLES[variant] ?? VARIANT_STYLES[0],
      'Also return "improved_negative_prompt" (the negative prompt, improved or unchanged).',
      'Keep the prompt a comma-separated list of phrases within 75 CLIP tokens (about 50 words): Stable Diffusion ignores the rest.',
      'Keep every phrase that asks to preserve the layout, materials or colours.',
      'Answer with the JSON object only.',
    ],
  });
}

function describeError(error: unknown): Omit<LlmFailure, 'ok' | 'attempts' | 'usage'> {
  if (error instanceof OpenAI.APIUserAbortError) {
    return { kind: 'refused', message: 'The evolution was stopped because the app is closing.', action: 'Press "Evolve now" after the next start.' };
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return { kind: 'timeout', message: 'The LLM server did not answer in time.', action: 'Check that the server runs and the model is loaded, or raise the timeout in the LLM settings.' };
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return { kind: 'unreachable', message: `The LLM server cannot be reached (${error.message}).`, action: 'Check the base URL and the network, then press "Test connection".' };
  }
  if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError) {
    return { kind: 'auth', message: `The LLM server refused the API key (${error.status}).`, action: 'Enter a valid API key in the LLM settings.' };
  }
  if (error instanceof OpenAI.NotFoundError) {
    return { kind: 'not_found', message: 'The LLM server does not know this model or path (404).', action: 'Check the model name and that the base URL ends in /v1.' };
  }
  if (error instanceof OpenAI.RateLimitError) {
    return { kind: 'rate_limited', message: 'The LLM server kept answering "too many requests" (429) after the retries.', action: 'Wait a few minutes, or check the account\'s quota, then evolve again.' };
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number' && error.status >= 500) {
    return { kind: 'server_error', message: `The LLM server kept failing (${error.status}) after the retries.`, action: 'Check the server\'s log or status page, then evolve again. The offline evolver works without it.' };
  }
  if (error instanceof OpenAI.APIError) {
    return { kind: 'refused', message: `The LLM server refused the request (${error.status ?? 'no status'}: ${error.message}).`, action: 'Check the model name and that the server supports JSON output (response_format json_object).' };
  }
  return { kind: 'refused', message: `The LLM call failed: ${(error as Error).message}.`, action: 'Check the LLM settings, then evolve again.' };
}

/** Removes one Markdown code fence around the answer: local models often add one. */
function unfence(text: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/.exec(text);
  return match ? match[1]! : text;
}

/**
 * Removes the configured key from a text: a server that echoes the request (a 400 quoting the
 * Authorization header) must not put the key into SQLite or an answer of the contract.
 */
export function redactKey(text: string, apiKey: string | null): string {
  return apiKey && apiKey.length >= 4 ? text.split(apiKey).join('[API key removed]') : text;
}

export function createLlmClient(config: LlmConfig) {
  const redact = (text: string) => redactKey(text, config.apiKey);
  const safe = <T>(result: LlmSuccess<T> | LlmFailure): LlmSuccess<T> | LlmFailure =>
    result.ok ? result : { ...result, message: redact(result.message), action: redact(result.action) };
  let attempts = 0;
  // Counts HTTP attempts (retries included) for the record; the real fetch does the work.
  const countingFetch: typeof fetch = (input, init) => {
    attempts++;
    return fetch(input, init);
  };
  const client = new OpenAI({
    baseURL: config.baseUrl,
    // A local server needs no key; the client insists on a string.
    apiKey: config.apiKey ?? 'no-key',
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
    fetch: countingFetch,
  });

  type ResponseFormat = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming['response_format'];

  async function chat(system: string, user: string, signal?: AbortSignal, format: ResponseFormat = { type: 'json_object' }): Promise<LlmSuccess<string> | LlmFailure> {
    attempts = 0;
    try {
      const response = await client.chat.completions.create({
        model: config.model,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: user },
        ],
        response_format: format,
      }, { signal });
      const usage = response.usage
        ? { prompt_tokens: response.usage.prompt_tokens, completion_tokens: response.usage.completion_tokens, total_tokens: response.usage.total_tokens }
        : null;
      return { ok: true, value: response.choices[0]?.message?.content ?? '', attempts, usage };
    } catch (error) {
      return { ok: false, ...describeError(error), attempts, usage: null };
    }
  }

  const methods = {
    /** One variant: the call, then JSON, then the shape (zod); each failure says which step. */
    async evolve(system: string, brief: EvolutionBrief, variant: number, signal?: AbortSignal): Promise<LlmSuccess<Variant> | LlmFailure> {
      const answer = await chat(system, userMessage(brief, variant), signal);
      if (!answer.ok) return answer;
      let parsed: unknown;
      try {
        parsed = JSON.parse(unfence(answer.value));
      } catch {
        const excerpt = answer.value.slice(0, 80).replace(/\s+/g, ' ');
        return {
          ok: false,
          kind: 'invalid_json',
          message: `The LLM answered with text that is not JSON ("${excerpt}${answer.value.length > 80 ? '…' : ''}").`,
          action: 'Use a model that follows JSON instructions (or enable JSON mode on the server), then evolve again.',
          attempts: answer.attempts,
          usage: answer.usage,
        };
      }
      const shaped = EvolvedPromptSchema.safeParse(parsed);
      if (!shaped.success) {
        const problems = shaped.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
        return {
          ok: false,
          kind: 'wrong_shape',
          message: `The LLM's JSON lacks the expected fields (${problems}).`,
          action: 'Use a model that follows the output format of prompts/evolution-system-prompt.txt, then evolve again.',
          attempts: answer.attempts,
          usage: answer.usage,
        };
      }
      const proposed = toVariant(shaped.data, brief);
      const cleaned: Variant = {
        ...proposed,
        improved_prompt: redact(proposed.improved_prompt),
        improved_negative_prompt: redact(proposed.improved_negative_prompt),
        changes: proposed.changes.map(redact),
        reasoning: redact(proposed.reasoning),
        expected_improvement: redact(proposed.expected_improvement),
      };
      return { ok: true, value: cleaned, attempts: answer.attempts, usage: answer.usage };
    },

    /** The guardrails' second layer: one verdict per changed phrase, in the strict schema, or a failure. */
    async judge(currentPrompt: string, phrases: readonly string[], signal?: AbortSignal): Promise<LlmSuccess<PhraseVerdict[]> | LlmFailure> {
      const format: ResponseFormat = { type: 'json_schema', json_schema: { name: JUDGE_SCHEMA_NAME, strict: true, schema: JUDGE_JSON_SCHEMA as unknown as Record<string, unknown> } };
      const answer = await chat(JUDGE_SYSTEM, judgeUserMessage(currentPrompt, phrases), signal, format);
      if (!answer.ok) return answer;
      const action = 'Review both verdicts on the Prompts page, or use a model that follows JSON schemas for the guardrail judge.';
      let parsed: unknown;
      try {
        parsed = JSON.parse(unfence(answer.value));
      } catch {
        const excerpt = answer.value.slice(0, 80).replace(/\s+/g, ' ');
        return { ok: false, kind: 'invalid_json', message: `The guardrail judge answered with text that is not JSON ("${excerpt}${answer.value.length > 80 ? '…' : ''}").`, action, attempts: answer.attempts, usage: answer.usage };
      }
      const read = readJudgeAnswer(parsed, phrases);
      if (!read.ok) return { ok: false, kind: 'wrong_shape', message: `The guardrail judge's JSON is not the verdict asked for (${read.problem}).`, action, attempts: answer.attempts, usage: answer.usage };
      // The verdicts are stored with the candidate and returned by prompts.list: a judge that
      // quotes its request must not carry the key there either.
      const verdicts = read.verdicts.map((v) => ({ ...v, phrase: redact(v.phrase), reason: redact(v.reason) }));
      return { ok: true, value: verdicts, attempts: answer.attempts, usage: answer.usage };
    },

    /**
     * "Test connection": the model must answer in JSON, as every evolution needs; a model that
     * answers in plain text would pass a mere reachability test and then fail every evolution.
     */
    async ping(): Promise<LlmSuccess<string> | LlmFailure> {
      const answer = await chat('You check a connection. Answer with the JSON object {"ok": true} and nothing else.', '{"ping": true}');
      if (!answer.ok) return answer;
      const action = 'Use a model that follows JSON instructions (or enable JSON mode on the server): evolutions need JSON answers.';
      let parsed: unknown;
      try {
        parsed = JSON.parse(unfence(answer.value));
      } catch {
        const excerpt = redact(answer.value.slice(0, 80).replace(/\s+/g, ' '));
        return { ok: false, kind: 'invalid_json', message: `The model answered, but not in JSON ("${excerpt}${answer.value.length > 80 ? '…' : ''}"), so every evolution would fail.`, action, attempts: answer.attempts, usage: answer.usage };
      }
      if (typeof parsed !== 'object' || parsed === null || (parsed as { ok?: unknown }).ok !== true) {
        return { ok: false, kind: 'wrong_shape', message: 'The model answered JSON, but not the object {"ok": true} it was asked for, so it may not follow the evolver\'s format.', action, attempts: answer.attempts, usage: answer.usage };
      }
      return answer;
    },
  };

  return {
    evolve: async (...args: Parameters<typeof methods.evolve>) => safe(await methods.evolve(...args)),
    judge: async (...args: Parameters<typeof methods.judge>) => safe(await methods.judge(...args)),
    ping: async () => safe(await methods.ping()),
  };
}
export type LlmClient = ReturnType<typeof createLlmClient>;
