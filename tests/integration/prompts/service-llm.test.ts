import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore, type Service } from '../../../core/service';
import { startLlmStub, validEvolution, type LlmStub } from '../../helpers/llm-stub';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';
import { whenEvents } from '../../helpers/events';
import { rejectOpenCandidates } from '../../helpers/prompt-candidates';

// The LLM evolver inside the service: settings in SQLite, the key in the secret store only, every
// LLM fault recorded on the evolution with what to do, and the current prompt never touched.

const dir = tempDir();
const secrets = createMemorySecretStore();
let stub: LlmStub;
let service: Service;
const KEY = 'sk-very-secret-evolution-key';

beforeAll(async () => {
  stub = await startLlmStub();
  service = await startService(dir.path, { secrets });
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
  return (await service.call('prompts.list', {})).evolutions.find((e) => e.id === evolution_id)!;
}

describe('LLM evolver in the service', () => {
  it('keeps the key in the secret store, never in SQLite', async () => {
    const view = await service.call('prompts.configureLlm', { llm: { base_url: stub.baseUrl, model: 'stub-model', timeout_s: 5, api_key: KEY } });
    expect(view).toEqual({ configured: true, base_url: stub.baseUrl, model: 'stub-model', timeout_s: 5, has_key: true });
    expect(secrets.get('llm_api_key')).toBe(KEY);
    service.store.forTests().pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(dir.path, 'latina.sqlite')).includes(KEY)).toBe(false);
    await expect(service.call('prompts.configureLlm', { llm: { base_url: 'localhost:11434', model: 'x' } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/base URL must be a URL/),
    });
    // A key written into the URL would land in SQLite settings: refused, with where the key goes.
    await expect(service.call('prompts.configureLlm', { llm: { base_url: `https://user:${KEY}@api.example/v1`, model: 'x' } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/must not contain a user name or key/),
    });
    expect((await service.call('prompts.getLlmConfig', {})).base_url).toBe(stub.baseUrl);
  });

  it('"test connection" reports success and failure', async () => {
    stub.script([{ kind: 'content', content: '{"ok": true}' }]);
    expect(await service.call('prompts.testLlm', {})).toMatchObject({ ok: true, action: null });
    stub.script([{ kind: 'status', status: 401 }]);
    expect(await service.call('prompts.testLlm', {})).toMatchObject({ ok: false, message: expect.stringMatching(/refused the API key/) });
  });

  it('two variants from the LLM become versions, with usage and the evolver recorded', async () => {
    const v100 = (await service.call('prompts.get', { version: 'v1.0.0' })).leonardo.prompt;
    stub.script([validEvolution(`${v100}, ambient occlusion`), validEvolution(`${v100}, contact shadows, marble floor`)]);
    const evolution = await evolve();
    expect(evolution).toMatchObject({ trigger: 'manual', requested_by: 'admin@studio', evolver: 'llm', model: 'stub-model', status: 'done', attempts: 2 });
    expect(evolution.usage).toEqual({ prompt_tokens: 840, completion_tokens: 160, total_tokens: 1000 });
    const [good, bad] = evolution.candidates;
    expect(good).toMatchObject({ version: 'v1.1.0', status: 'testing', reasoning: 'Ambient occlusion grounds objects and adds depth.', changes: ['added ambient occlusion'] });
    expect(bad).toMatchObject({ version: null, status: 'rejected', guardrails: { passed: false } });
    expect(bad!.guardrails!.reasons.join()).toMatch(/"marble floor"/);
    const file = JSON.parse(readFileSync(join(dir.path, 'prompts', 'versions', 'v1.1.0.json'), 'utf8'));
    expect(file).toMatchObject({ version: 'v1.1.0', parent_version: 'v1.0.0', created_by: 'evolver:llm:stub-model' });
    expect(file.metadata.evolution_reasoning).toBe('Ambient occlusion grounds objects and adds depth.');
    expect(stub.authorizations.at(-1)).toBe(`Bearer ${KEY}`);
  });

  it.each([
    ['text that is not JSON', [{ kind: 'content' as const, content: 'I would suggest adding more light.' }], /not JSON/],
    ['JSON of the wrong shape', [{ kind: 'content' as const, content: '{"prompt": "x"}' }], /lacks the expected fields/],
    ['a 500 forever', [{ kind: 'status' as const, status: 500 }], /kept failing \(500\)/],
    ['a hang', [{ kind: 'hang' as const }], /did not answer in time/],
  ])('%s ends in a recorded failure and leaves the current prompt alone', async (_name, replies, message) => {
    await service.call('prompts.configureLlm', { llm: { base_url: stub.baseUrl, model: 'stub-model', timeout_s: 5 } });
    stub.script(replies);
    const before = await service.call('prompts.list', {});
    const evolution = await evolve();
    expect(evolution.status).toBe('failed');
    expect(evolution.error!.message).toMatch(message);
    expect(evolution.error!.action.length).toBeGreaterThan(10);
    expect(evolution.candidates.every((c) => c.status === 'failed' && c.version === null)).toBe(true);
    const after = await service.call('prompts.list', {});
    expect(after.current_version).toBe(before.current_version);
    expect(after.versions).toHaveLength(before.versions.length);
  }, 60_000);

  it('a version file that fails the schema is reported by file and field; the rest keeps working', async () => {
    const local = join(dir.path, 'prompts', 'versions');
    mkdirSync(local, { recursive: true });
    const broken = JSON.parse(readFileSync(join(local, 'v1.1.0.json'), 'utf8'));
    broken.version = 'v3.0.0';
    broken.leonardo.guidance_scale = 40;
    writeFileSync(join(local, 'v3.0.0.json'), JSON.stringify(broken));
    service.reloadPrompts();
    const list = await service.call('prompts.list', {});
    expect(list.problems).toContainEqual({ file: 'local/v3.0.0.json', message: expect.stringMatching(/leonardo\.guidance_scale must be <= 12/) });
    expect(list.versions.map((v) => v.version)).not.toContain('v3.0.0');
    expect(list.current_version).toBe('v1.0.0');
  });
});
