import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore, type Service } from '../../../core/service';
import { whenEvents } from '../../helpers/events';
import { nextPair, type ShownPair as Shown } from '../../helpers/next-pair';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

// The whole loop on the real service (real SQLite, the local enhancer, real files): ratings fire
// the seed's every-10-samples trigger, the offline evolver proposes two candidates, the queue makes
// their paired pairs, the decision rule decides, an admin approves and rolls back.

// Each test has its own data folder: none depends on what another left behind.
const dirs: ReturnType<typeof tempDir>[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));
function freshDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}
const rater = 'ana@studio';
// These walk the whole loop through the local enhancer (dozens of generations): on a loaded 2-core
// machine that takes far longer than a unit test. They wait on events, never on the clock.
const WORKFLOW_TIMEOUT_MS = 240_000;

async function rateNext(service: Service, rate: (origin: string, experiment: Shown) => [number, number], comment = '') {
  const experiment = await nextPair(service);
  const [a, b] = rate(experiment.options[0]!.metadata.origin, experiment);
  await service.call('train.rate', {
    experiment_id: experiment.experiment_id,
    ratings: [
      { option: 'A', rating: a, comments: comment },
      { option: 'B', rating: b, comments: comment },
    ],
    outcome: a > b ? 'A' : a < b ? 'B' : 'tie',
    rated_by: rater,
  });
  return experiment;
}

/** The prompts page once no evolution runs: asked again whenever the prompts change. */
const settled = (service: Service) => whenEvents(service, ['promptsChanged'], async () => {
  const list = await service.call('prompts.list', {});
  return !list.running && list;
});

const outbox = (service: Service, entity: string) =>
  service.store.forTests().prepare('SELECT payload_json FROM outbox WHERE entity = ?').all(entity).map((r) => JSON.parse((r as { payload_json: string }).payload_json));

describe('prompt evolution in the service', () => {
  it('triggers at 10 samples, tests both candidates in pairs, records experiment files, approves and rolls back', { timeout: WORKFLOW_TIMEOUT_MS }, async () => {
    const data = freshDir();
    const service = await startService(data, { secrets: createMemorySecretStore() });
    try {
      await service.call('settings.update', { prefetch: 1 });
      const before = await service.call('train.status', {});
      expect(before.prompt_evolution).toEqual({ active: true, current_version: 'v1.0.0', last_evolution: null, next_evolution_at_sample: 10, next_evolution_waiting_for: null });

      // 5 pairs = 10 samples of v1.0.0, all rated 2 with a complaint: the every-10 trigger fires.
      for (let i = 0; i < 5; i++) await rateNext(service, () => [2, 2], 'looks flat, no depth');
      let list = await settled(service);
      expect(list.evolutions).toHaveLength(1);
      const evolution = list.evolutions[0]!;
      expect(evolution).toMatchObject({ trigger: 'every_10_samples', evolver: 'offline', status: 'done', at_sample: 10, parent_version: 'v1.0.0' });
      expect(evolution.issues).toEqual(['Flat/montage appearance', 'Lack of depth']);
      expect(evolution.candidates.map((c) => c.version)).toEqual(['v1.1.0', 'v1.2.0']);
      expect(evolution.candidates.map((c) => c.status)).toEqual(['testing', 'queued']);
      for (const c of evolution.candidates) expect(c.guardrails).toMatchObject({ passed: true, reasons: [] });
      expect(existsSync(join(data, 'prompts', 'versions', 'v1.1.0.json'))).toBe(true);
      expect(outbox(service, 'prompt_version').map((p) => p.version)).toEqual(['v1.1.0', 'v1.2.0']);
      const status = await service.call('train.status', {});
      expect(status.prompt_evolution.last_evolution).toBe(evolution.started_at);
      // The current prompt is untouched until a decision.
      expect(list.current_version).toBe('v1.0.0');

      // The candidate's pairs: one point twice, the same seed, the current version on one side and
      // the candidate on the other (a seeded coin picks which); the trainer prefers the candidate. A
      // candidate whose phrases the local enhancer ignores never reaches the trainer (no visible
      // effect), and the next one is tested: `candidate` is the first whose pairs were shown.
      const seen: string[] = [];
      const tested: boolean[] = [];
      let candidate: string | null = null;
      const candidateScores = (experiment: Shown): [number, number] =>
        experiment.options[0]!.prompt_version !== 'v1.0.0' ? [5, 3] : [3, 5];
      // Two points better in every pair: the test stops early, as a win, after its 3rd pair.
      for (let i = 0; i < 30 && seen.length < 3; i++) {
        const pair = await rateNext(service, (origin, experiment) => (origin === 'prompt-test' ? candidateScores(experiment) : [3, 3]));
        tested.push(pair.options[0]!.metadata.origin === 'prompt-test');
        if (pair.options[0]!.metadata.origin !== 'prompt-test') continue;
        const [a, b] = pair.options;
        expect(b!.metadata.origin).toBe('prompt-test');
        const versions = [a!.prompt_version, b!.prompt_version];
        candidate ??= versions.find((v) => v !== 'v1.0.0')!;
        expect(versions.sort()).toEqual(['v1.0.0', candidate]);
        expect(b!.parameters).toEqual(a!.parameters);
        expect(b!.metadata.seed).toBe(a!.metadata.seed);
        seen.push(pair.experiment_id);
      }
      expect(seen).toHaveLength(3);
      // Test pairs take at most every other new pair: the optimizer's own pairs go on in between.
      // Read in the order the pairs were made: the order they are shown follows how long each took.
      const made = service.store.forTests()
        .prepare("SELECT o.origin = 'prompt-test' AS test FROM experiments e JOIN options o ON o.experiment_id = e.id AND o.label = 'A' WHERE e.mode = 'structure' ORDER BY e.rowid")
        .all()
        .map((r) => (r as { test: number }).test === 1);
      expect(made.filter(Boolean).length).toBeGreaterThanOrEqual(3);
      expect(made.some((t, i) => t && made[i + 1])).toBe(false);
      expect(tested.filter(Boolean)).toHaveLength(3);
      list = await settled(service);
      const all = list.evolutions.flatMap((e) => e.candidates).sort((x, y) => x.version!.localeCompare(y.version!, undefined, { numeric: true }));
      const first = all.find((c) => c.version === candidate)!;
      expect(first.status).toBe('won');
      const unseen = all.slice(0, all.indexOf(first));
      for (const c of unseen) expect(c.status).toBe('no_visible_effect');
      const shown = service.store.forTests().prepare(`SELECT count(*) AS n FROM options WHERE prompt_version IN (${unseen.map(() => '?').join(',') || "''"}) AND experiment_id IN (SELECT id FROM experiments WHERE status <> 'indistinct')`).get(...unseen.map((c) => c.version)) as { n: number };
      expect(shown.n).toBe(0);
      // A winner waits for approval: a new evolution now would start from the old baseline.
      await expect(service.call('prompts.evolve', { requested_by: 'admin@studio' })).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(new RegExp(`${candidate!.replace(/\./g, '\\.')} won its paired test and waits for approval.*Approve or reject ${candidate!.replace(/\./g, '\\.')} first`)),
      });
      // One evolution by id, as the list shows it.
      expect(await service.call('prompts.evolution', { id: list.evolutions[0]!.id })).toEqual(list.evolutions[0]);
      await expect(service.call('prompts.evolution', { id: 'evo_nope' })).rejects.toMatchObject({ code: 'not_found' });
      expect(first.test).toMatchObject({ file: `prompts/experiments/experiment_00${unseen.length + 1}.json`, pairs_rated: 3, decision: { verdict: 'candidate_better', pairs: 3, wins: { candidate: 3 } } });
      const record = JSON.parse(readFileSync(join(data, first.test!.file!), 'utf8'));
      expect(record).toMatchObject({ baseline_version: 'v1.0.0', candidate_version: candidate, status: 'decided', pairs_target: 5, decision: { stopped_early: 'win' } });
      for (const c of unseen) {
        const file = JSON.parse(readFileSync(join(data, c.test!.file!), 'utf8'));
        expect(file).toMatchObject({ candidate_version: c.version, status: 'no_visible_effect', pairs: [] });
        expect(file.pairs_set_aside.length).toBeGreaterThanOrEqual(2);
      }
      expect(record.pairs.map((p: { experiment_id: string }) => p.experiment_id)).toEqual(seen);
      expect(record.pairs.every((p: { difference: number }) => p.difference === 2)).toBe(true);
      // A decided test hands over at once: a candidate still waiting means one is being tested.
      const waiting = all.filter((c) => c.status === 'queued').length;
      const testing = all.filter((c) => c.status === 'testing').length;
      expect(testing).toBeLessThanOrEqual(1);
      expect({ waiting, testing: waiting > 0 ? testing : 1 }).toMatchObject({ testing: 1 });
      // A winner waits for an admin: nothing changed yet, and the winner has its performance block.
      expect(list.current_version).toBe('v1.0.0');
      const winner = list.versions.find((v) => v.version === candidate)!;
      expect(winner.performance).toMatchObject({ avg_rating: 5, sample_count: 3, win_rate: 1 });

      list = await service.call('prompts.decide', { candidate_id: first.id, decision: 'approve', decided_by: 'admin@studio', note: 'clearly better' });
      expect(list.current_version).toBe(candidate);
      expect(JSON.parse(readFileSync(join(data, 'prompts', 'versions', 'current.json'), 'utf8'))).toEqual({ version: candidate });
      expect(outbox(service, 'prompt_decision')).toEqual([expect.objectContaining({ version: candidate, decided_by: 'admin@studio', note: 'clearly better' })]);
      await expect(service.call('prompts.decide', { candidate_id: first.id, decision: 'approve', decided_by: 'admin@studio' })).rejects.toMatchObject({ code: 'conflict' });

      const diff = await service.call('prompts.diff', { from: 'v1.0.0', to: candidate! });
      expect(diff.prompt.some((p) => p.op !== 'same')).toBe(true);

      list = await service.call('prompts.rollback', { version: 'v1.0.0', decided_by: 'admin@studio', note: 'back to baseline' });
      expect(list.current_version).toBe('v1.0.0');
      expect(list.decisions.map((d) => d.action)).toEqual(['rollback', 'approve']);
      expect(outbox(service, 'prompt_decision').map((p) => p.version)).toEqual([candidate, 'v1.0.0']);
      const next = await rateNext(service, () => [3, 3]);
      expect(next.options.some((o) => o.prompt_version === 'v1.0.0')).toBe(true);
    } finally {
      await service.close();
    }
  });

  it('a manual edit bumps the patch and waits for its paired test; one the guardrails refuse is not saved', { timeout: WORKFLOW_TIMEOUT_MS }, async () => {
    const data = freshDir();
    const service = await startService(data, { secrets: createMemorySecretStore() });
    try {
      const before = await service.call('prompts.list', {});
      const current = before.versions.find((v) => v.current)!;
      await expect(
        service.call('prompts.edit', { prompt: `${current.prompt}, white oak floors`, negative_prompt: current.negative_prompt, edited_by: 'admin@studio' }),
      ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/not saved: "white oak floors" names a material/) });
      await expect(service.call('prompts.edit', { prompt: ' ', negative_prompt: '', edited_by: 'admin@studio' })).rejects.toMatchObject({ code: 'invalid_input' });
      expect((await service.call('prompts.list', {})).versions).toHaveLength(before.versions.length);

      const list = await service.call('prompts.edit', { prompt: `${current.prompt}, contact shadows`, negative_prompt: current.negative_prompt, edited_by: 'admin@studio', note: 'grounded furniture' });
      const edit = list.evolutions[0]!;
      expect(edit).toMatchObject({ evolver: 'admin', trigger: 'manual', requested_by: 'admin@studio', status: 'done', parent_version: 'v1.0.0' });
      expect(edit.candidates[0]).toMatchObject({ version: 'v1.0.1', changes: ['added "contact shadows"'], reasoning: 'grounded furniture' });
      expect(['queued', 'testing']).toContain(edit.candidates[0]!.status);
      const file = JSON.parse(readFileSync(join(data, 'prompts', 'versions', 'v1.0.1.json'), 'utf8'));
      expect(file).toMatchObject({ created_by: 'admin@studio', parent_version: 'v1.0.0', metadata: { tags: ['manual-edit'] } });
      expect(list.current_version).toBe('v1.0.0');
    } finally {
      await service.close();
    }
  });

  it('refuses bad decisions with a message and changes nothing', { timeout: WORKFLOW_TIMEOUT_MS }, async () => {
    const service = await startService(freshDir(), { secrets: createMemorySecretStore() });
    try {
      // A candidate under test, of its own: a manual edit starts its paired test at once.
      const current = (await service.call('prompts.list', {})).versions.find((v) => v.current)!;
      await service.call('prompts.edit', { prompt: `${current.prompt}, contact shadows`, negative_prompt: current.negative_prompt, edited_by: 'admin@studio' });
      const before = await whenEvents(service, ['promptsChanged', 'queueChanged'], async () => {
        const list = await service.call('prompts.list', {});
        return list.evolutions.flatMap((e) => e.candidates).some((c) => c.status === 'testing') && list;
      });
      await expect(service.call('prompts.decide', { candidate_id: 'cnd_nope', decision: 'approve', decided_by: 'admin@studio' })).rejects.toMatchObject({ code: 'not_found' });
      await expect(service.call('prompts.rollback', { version: 'v9.9.9', decided_by: 'admin@studio' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/versions list/) });
      await expect(service.call('prompts.rollback', { version: 'latest', decided_by: 'admin@studio' })).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(service.call('prompts.rollback', { version: before.current_version, decided_by: 'admin@studio' })).rejects.toMatchObject({ code: 'conflict' });
      const testing = before.evolutions.flatMap((e) => e.candidates).find((c) => c.status === 'testing')!;
      await expect(service.call('prompts.decide', { candidate_id: testing.id, decision: 'approve', decided_by: 'admin@studio' })).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/still being tested/),
      });
      const after = await service.call('prompts.list', {});
      expect(after.current_version).toBe(before.current_version);
      expect(after.decisions).toEqual(before.decisions);
    } finally {
      await service.close();
    }
  });
});
