import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore, type Service } from '../../../core/service';
import { judgeAnswer, startLlmStub, validEvolution, type LlmStub } from '../../helpers/llm-stub';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';
import { whenEvents } from '../../helpers/events';
import { rejectOpenCandidates } from '../../helpers/prompt-candidates';

// What makes the LLM evolver trustworthy for an admin, through the real `openai` client and the
// service: Test connection demands JSON, a key echoed by the server is never stored or returned,
// one evolution has a total deadline, and every failure says how to go on with the offline evolver.

const dir = tempDir();
const KEY = 'sk-echoed-secret-key-123456';
let stub: LlmStub;
let service: Service;

beforeAll(async () => {
  stub = await startLlmStub();
  service = await startService(dir.path, { secrets: createMemorySecretStore() });
  await service.call('prompts.configureLlm', { llm: { base_url: stub.baseUrl, model: 'stub-model', timeout_s: 5, api_key: KEY } });
});
afterAll(async () => {
  await service.close();
  await stub.close();
  dir.remove();
});

async function evolve() {
  // The previous test's candidates would hold "Evolve now" while they wait for their paired tests.
  await rejectOpenCandidates(service);
  const { evolution_id } = await service.call('prompts.evolve', { requested_by: 'admin@studio' });
  // The evolution says it finished once it no longer counts as running.
  await whenEvents(service, ['promptsChanged'], async () => !(await service.call('prompts.list', {})).running);
  return (await service.call('prompts.evolution', { id: evolution_id }));
}

describe('an LLM evolver an admin can trust', () => {
  it('"Test connection" fails a model that answers plain text, since every evolution needs JSON', async () => {
    stub.script([{ kind: 'content', content: 'Hello! I am ready to help.' }]);
    expect(await service.call('prompts.testLlm', {})).toMatchObject({ ok: false, message: expect.stringMatching(/answered, but not in JSON \("Hello! I am ready to help\."\)/) });
    stub.script([{ kind: 'content', content: '{"status": "fine"}' }]);
    expect(await service.call('prompts.testLlm', {})).toMatchObject({ ok: false, message: expect.stringMatching(/not the object \{"ok": true\}/) });
  });

  it('a 400 whose body echoes the key leaves no trace of the key in SQLite or in any answer', async () => {
    const body = JSON.stringify({ error: { message: `Invalid request: header Authorization: Bearer ${KEY} is not allowed`, type: 'invalid_request_error' } });
    stub.script([{ kind: 'status', status: 400, body }]);
    const test = await service.call('prompts.testLlm', {});
    expect(test.ok).toBe(false);
    expect(JSON.stringify(test)).not.toContain(KEY);
    expect(test.message).toContain('[API key removed]');
    const evolution = await evolve();
    expect(evolution.status).toBe('failed');
    expect(evolution.error!.message).toContain('[API key removed]');
    expect(JSON.stringify(await service.call('prompts.list', {}))).not.toContain(KEY);
    service.store.forTests().pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(dir.path, 'latina.sqlite')).includes(KEY)).toBe(false);
  });

  it('a judge whose verdicts quote the key has them stored and returned without it', async () => {
    const current = (await service.call('prompts.list', {})).versions.find((v) => v.current)!.prompt;
    stub.script([validEvolution(`${current}, ambient occlusion`), validEvolution(`${current}, contact shadows`)]);
    stub.scriptJudge([
      judgeAnswer([{ phrase: 'ambient occlusion', changes_content: false, reason: `rendering only (request signed with ${KEY})` }]),
      { kind: 'content', content: `Not JSON: Authorization Bearer ${KEY}` },
    ]);
    const evolution = await evolve();
    stub.scriptJudge(null);
    const [judged, failed] = evolution.candidates;
    expect(judged!.guardrails!.layers!.llm).toMatchObject({ status: 'answered', phrases: [{ phrase: 'ambient occlusion', reason: 'rendering only (request signed with [API key removed])' }] });
    expect(failed!.guardrails!.reasons.join()).toContain('[API key removed]');
    expect(JSON.stringify(await service.call('prompts.list', {}))).not.toContain(KEY);
    const stored = service.store.forTests().prepare('SELECT verdict_json FROM prompt_candidates WHERE evolution_id = ?').all(evolution.id) as { verdict_json: string | null }[];
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) expect(row.verdict_json ?? '').not.toContain(KEY);
  });

  it('every LLM failure says how to switch to the offline evolver', async () => {
    stub.script([{ kind: 'status', status: 401 }]);
    const evolution = await evolve();
    expect(evolution.error!.action).toMatch(/remove the LLM settings: the offline evolver needs no server/);
  });

  it('a server that hangs ends the evolution at its total deadline, not after every retry of every call', async () => {
    stub.script([{ kind: 'hang' }]);
    const before = stub.requests.length;
    const evolution = await evolve();
    expect(evolution.status).toBe('failed');
    // 3 timeouts of 5 s in all: the first attempt and two retries of the first call, no second call.
    expect(evolution.error!.message).toMatch(/stopped at its total deadline of 15 s/);
    expect(stub.requests.length - before).toBeLessThanOrEqual(3);
  }, 60_000);
});
