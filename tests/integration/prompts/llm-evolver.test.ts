import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmClient, type EvolutionBrief } from '../../../core/prompts';
import { startLlmStub, validEvolution, type LlmStub } from '../../helpers/llm-stub';
import { repoRoot } from '../../helpers/service';

// The real `openai` client against a local OpenAI-compatible stub: every answer a server can give
// ends in a value or a described failure, never an exception.

const system = readFileSync(join(repoRoot, 'prompts', 'evolution-system-prompt.txt'), 'utf8');
const brief: EvolutionBrief = {
  current_version: 'v1.0.0',
  current_prompt: 'photorealistic interior render, soft shadows, preserve exact layout',
  current_negative_prompt: 'blurry, cartoon',
  rating: 3.2,
  sample_count: 20,
  issues: [{ issue: 'Lack of depth', count: 4 }],
  best_recent: null,
  worst_recent: null,
  known_prompts: [],
};

let stub: LlmStub;
beforeAll(async () => {
  stub = await startLlmStub();
});
afterAll(() => stub.close());

const client = (overrides: Partial<Parameters<typeof createLlmClient>[0]> = {}) =>
  createLlmClient({ baseUrl: stub.baseUrl, model: 'stub-model', apiKey: 'sk-test-123', timeoutMs: 2000, maxRetries: 2, ...overrides });

describe('LLM evolver with the real openai client', () => {
  it('a valid answer becomes a variant, with the token usage and the seed\'s system prompt sent', async () => {
    stub.script([validEvolution('photorealistic interior render, soft shadows, ambient occlusion, preserve exact layout')]);
    const result = await client().evolve(system, brief, 0);
    expect(result).toMatchObject({
      ok: true,
      attempts: 1,
      usage: { prompt_tokens: 420, completion_tokens: 80, total_tokens: 500 },
      value: { improved_prompt: expect.stringContaining('ambient occlusion'), negative_kept: false, changes: ['added ambient occlusion'] },
    });
    const request = stub.requests.at(-1)!;
    expect(request.model).toBe('stub-model');
    expect(request.response_format).toEqual({ type: 'json_object' });
    expect(request.messages[0]!.content).toBe(system);
    const user = JSON.parse(request.messages[1]!.content);
    expect(user).toMatchObject({ current_prompt: brief.current_prompt, rating: 3.2, issues: ['Lack of depth'] });
    expect(stub.authorizations.at(-1)).toBe('Bearer sk-test-123');
  });

  it('text that is not JSON is a recorded failure saying what to do', async () => {
    stub.script([{ kind: 'content', content: 'Sure! Here is a better prompt: ultra realistic...' }]);
    const result = await client().evolve(system, brief, 1);
    expect(result).toMatchObject({ ok: false, kind: 'invalid_json', attempts: 1 });
    if (!result.ok) expect(result.message).toContain('Sure! Here is a better prompt');
  });

  it('JSON of the wrong shape names the missing field', async () => {
    stub.script([{ kind: 'content', content: JSON.stringify({ prompt: 'x', why: 'y' }) }]);
    const result = await client().evolve(system, brief, 0);
    expect(result).toMatchObject({ ok: false, kind: 'wrong_shape' });
    if (!result.ok) expect(result.message).toMatch(/improved_prompt/);
  });

  it('a 429 then success: the client backs off, retries, and succeeds', async () => {
    stub.script([{ kind: 'status', status: 429, retryAfterSeconds: 0 }, validEvolution('photorealistic interior render, crisp, preserve exact layout')]);
    const result = await client().evolve(system, brief, 0);
    expect(result).toMatchObject({ ok: true, attempts: 2 });
  });

  it('a 500 forever ends as a server error after the retries', async () => {
    stub.script([{ kind: 'status', status: 500 }]);
    const before = stub.requests.length;
    const result = await client({ maxRetries: 1 }).evolve(system, brief, 0);
    expect(result).toMatchObject({ ok: false, kind: 'server_error', attempts: 2 });
    expect(stub.requests.length - before).toBe(2);
  });

  it('a hang ends as a timeout', async () => {
    stub.script([{ kind: 'hang' }]);
    const result = await client({ timeoutMs: 300, maxRetries: 0 }).evolve(system, brief, 0);
    expect(result).toMatchObject({ ok: false, kind: 'timeout' });
    if (!result.ok) expect(result.action).toMatch(/timeout/);
  });

  it('an unreachable server and a rejected key say so', async () => {
    const gone = await createLlmClient({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', apiKey: null, timeoutMs: 1000, maxRetries: 0 }).ping();
    expect(gone).toMatchObject({ ok: false, kind: 'unreachable' });
    stub.script([{ kind: 'status', status: 401 }]);
    expect(await client().ping()).toMatchObject({ ok: false, kind: 'auth' });
  });
});
