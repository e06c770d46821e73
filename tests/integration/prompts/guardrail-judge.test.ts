import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore, type Service } from '../../../core/service';
import { judgeAnswer, startLlmStub, validEvolution, type LlmStub } from '../../helpers/llm-stub';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';
import { whenEvents } from '../../helpers/events';
import { rejectOpenCandidates } from '../../helpers/prompt-candidates';

// The LLM judge, the guardrails' second layer, through the real `openai` client against the local
// stub: it is asked about every changed phrase with a strict JSON schema; when it agrees with the
// rules the candidate goes on, when it disagrees or answers anything but that JSON the candidate
// waits for an admin with both verdicts, and an admin's approval sends it to its paired test.

const dir = tempDir();
let stub: LlmStub;
let service: Service;

beforeAll(async () => {
  stub = await startLlmStub();
  service = await startService(dir.path, { secrets: createMemorySecretStore() });
  await service.call('prompts.configureLlm', { llm: { base_url: stub.baseUrl, model: 'stub-model', timeout_s: 5 } });
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

async function currentPrompt() {
  return (await service.call('prompts.list', {})).versions.find((v) => v.current)!.prompt;
}

describe('the LLM guardrail judge', () => {
  it('is asked about the changed phrases with a strict JSON schema; agreement lets the candidate on', async () => {
    const current = await currentPrompt();
    stub.script([validEvolution(`${current}, ambient occlusion`), validEvolution(`${current}, contact shadows, red velvet sofa`)]);
    stub.scriptJudge([
      judgeAnswer([{ phrase: 'ambient occlusion', changes_content: false }]),
      judgeAnswer([{ phrase: 'contact shadows', changes_content: false }, { phrase: 'red velvet sofa', changes_content: true }]),
    ]);
    const before = stub.judgeRequests.length;
    const evolution = await evolve();
    const asked = stub.judgeRequests.slice(before);
    expect(asked).toHaveLength(2);
    expect(asked[0]!.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'guardrail_judgement', strict: true } });
    expect(JSON.parse(asked[1]!.messages.at(-1)!.content).changed_phrases).toEqual(['contact shadows', 'red velvet sofa']);
    const [good, bad] = evolution.candidates;
    expect(good).toMatchObject({ status: expect.stringMatching(/queued|testing/), guardrails: { passed: true, needs_admin: false } });
    expect(good!.guardrails!.layers!.llm).toMatchObject({ status: 'answered', phrases: [{ phrase: 'ambient occlusion', changes_content: false }] });
    expect(bad).toMatchObject({ status: 'rejected', version: null, guardrails: { passed: false, needs_admin: false } });
  });

  it('a disagreement holds the candidate for an admin with both verdicts; approving sends it to its test', async () => {
    const current = await currentPrompt();
    stub.script([validEvolution(`${current}, crisp reflections`), validEvolution(`${current}, velvet armchair`)]);
    stub.scriptJudge([
      judgeAnswer([{ phrase: 'crisp reflections', changes_content: true, reason: 'reflections could add a mirror' }]),
      judgeAnswer([{ phrase: 'velvet armchair', changes_content: false, reason: 'only texture' }]),
    ]);
    const evolution = await evolve();
    const [held, heldToo] = evolution.candidates;
    expect(held).toMatchObject({ status: 'rejected', version: null, guardrails: { passed: false, needs_admin: true } });
    expect(held!.guardrails!.reasons.join()).toMatch(/the rules say "crisp reflections" only changes rendering quality, the LLM judge says it changes the content \(reflections could add a mirror\); an admin decides/);
    expect(held!.guardrails!.layers!.rules).toEqual([{ phrase: 'crisp reflections', changes_content: false }]);
    expect(heldToo!.guardrails).toMatchObject({ needs_admin: true, layers: { rules: [{ phrase: 'velvet armchair', changes_content: true }] } });

    const after = await service.call('prompts.decide', { candidate_id: held!.id, decision: 'approve', decided_by: 'admin@studio' });
    const released = after.evolutions.find((e) => e.id === evolution.id)!.candidates.find((c) => c.guardrails?.warnings.some((w) => w.includes(`variant ${held!.variant + 1}, on which`)));
    expect(released).toMatchObject({ status: expect.stringMatching(/queued|testing/), prompt: `${current}, crisp reflections` });
    expect(released!.guardrails!.warnings.join()).toMatch(/released for its paired test by admin@studio/);
    await expect(service.call('prompts.decide', { candidate_id: held!.id, decision: 'approve', decided_by: 'admin@studio' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/already released/) });
  });

  it('a judge answer that is not the JSON asked for holds the candidate, with the reason', async () => {
    const current = await currentPrompt();
    stub.script([validEvolution(`${current}, soft bounce light`), validEvolution(`${current}, lens correction`)]);
    stub.scriptJudge([{ kind: 'content', content: 'Both phrases look fine to me.' }, { kind: 'content', content: '{"phrases": [{"phrase": "lens correction", "verdict": "ok"}]}' }]);
    const evolution = await evolve();
    const [text, shape] = evolution.candidates;
    expect(text).toMatchObject({ status: 'rejected', guardrails: { needs_admin: true, layers: { llm: { status: 'failed' } } } });
    expect(text!.guardrails!.reasons.join()).toMatch(/the LLM judge gave no verdict: The guardrail judge answered with text that is not JSON \("Both phrases look fine to me\."\)/);
    expect(shape!.guardrails!.reasons.join()).toMatch(/not the verdict asked for \(phrases\.0\.changes_content/);
  });
});
