import { afterAll, describe, expect, it } from 'vitest';
import type { CallOutput } from '../../../core/api';
import { EVOLUTION_DELAY_MS } from '../../../core/learning';
import type { Clock } from '../../../core/schedule';
import { createMemorySecretStore, type Service } from '../../../core/service';
import { whenEvents } from '../../helpers/events';
import { rejectOpenCandidates } from '../../helpers/prompt-candidates';
import { createFakeClock } from '../../helpers/fake-clock';
import { nextPair } from '../../helpers/next-pair';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

// When an evolution runs and what the Prompts page hears of it: a trigger only makes it due (the
// rating that fired it builds no brief), the brief is built when the scheduler's time comes, and
// "finished" is said once the evolution no longer counts as running.

const dirs: ReturnType<typeof tempDir>[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));
function freshDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}
// Five pairs through the local enhancer: slow on a loaded machine; the test waits on events, never on the clock.
const WORKFLOW_TIMEOUT_MS = 240_000;

type Overview = CallOutput<'prompts.list'>;

/** The Prompts page as each promptsChanged event found it: asked from inside the event. */
function pageAtEachEvent(service: Service) {
  const seen: { reason: string; page: Promise<Overview> }[] = [];
  service.subscribe('promptsChanged', (payload) => {
    seen.push({ reason: (payload as { reason: string }).reason, page: service.call('prompts.list', {}) });
  });
  return seen;
}

async function rate(service: Service) {
  const pair = await nextPair(service);
  await service.call('train.rate', {
    experiment_id: pair.experiment_id,
    ratings: [
      { option: 'A', rating: 2, comments: 'looks flat, no depth' },
      { option: 'B', rating: 2, comments: 'looks flat, no depth' },
    ],
    outcome: 'tie',
    rated_by: 'ana@studio',
  });
}

describe('an evolution on the scheduler', () => {
  it('says it started while it runs, and finished once it no longer runs, with its candidates in place; "Evolve now" waits for their tests', async () => {
    const service = await startService(freshDir(), { secrets: createMemorySecretStore() });
    try {
      const seen = pageAtEachEvent(service);
      const { evolution_id } = await service.call('prompts.evolve', { requested_by: 'admin@studio' });
      await whenEvents(service, ['promptsChanged'], () => seen.some((e) => e.reason === `evolution ${evolution_id} finished`));
      const started = seen.find((e) => e.reason === `evolution ${evolution_id} started`)!;
      expect((await started.page).running).toBe(true);
      const finished = await seen.find((e) => e.reason === `evolution ${evolution_id} finished`)!.page;
      expect(finished.running).toBe(false);
      const evolution = finished.evolutions.find((e) => e.id === evolution_id)!;
      expect(evolution.status).toBe('done');
      expect(evolution.candidates.length).toBeGreaterThan(0);
      // Its candidates wait for their paired tests: "Evolve now" is refused, saying why and what to do, and records nothing.
      await expect(service.call('prompts.evolve', { requested_by: 'admin@studio' })).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/^v1\.\d\.0 (is in its paired test \(\d\/5 pairs rated\)|waits for its paired test): a new evolution now would start from a version it may replace\. Rate its pairs until it is decided, or reject it, then evolve again\.$/),
      });
      expect((await service.call('prompts.list', {})).evolutions.map((e) => e.id)).toEqual([evolution_id]);
      // Once an admin has rejected them, a new evolution is accepted.
      await rejectOpenCandidates(service);
      await expect(service.call('prompts.evolve', { requested_by: 'admin@studio' })).resolves.toMatchObject({ evolution_id: expect.stringMatching(/^evo_/) });
    } finally {
      await service.close();
    }
  });

  it('a rating that fires the trigger returns before the brief is built; the brief is built when the scheduler says', { timeout: WORKFLOW_TIMEOUT_MS }, async () => {
    const fake = createFakeClock();
    const scheduler: Clock = { now: fake.now, after: (ms, run) => fake.timer(ms, run) };
    const service = await startService(freshDir(), { secrets: createMemorySecretStore(), scheduler });
    try {
      // Five pairs ready at once, so the queue needs no refill (whose time would pass the evolution's too).
      await service.call('settings.update', { prefetch: 5 });
      // 5 pairs = 10 samples: the every-10 trigger fires inside the fifth rating.
      for (let i = 0; i < 5; i++) await rate(service);
      const due = await service.call('prompts.list', {});
      expect(due.samples).toBe(10);
      expect(due.running).toBe(true);
      expect(due.evolutions).toEqual([]);
      expect(await service.call('prompts.evolve', { requested_by: 'admin@studio' }).catch((e: { code: string }) => e.code)).toBe('conflict');

      fake.advance(EVOLUTION_DELAY_MS - 1);
      expect((await service.call('prompts.list', {})).evolutions).toEqual([]);
      fake.advance(1);
      const list = await whenEvents(service, ['promptsChanged'], async () => {
        const page = await service.call('prompts.list', {});
        return !page.running && page;
      });
      expect(list.evolutions).toHaveLength(1);
      expect(list.evolutions[0]).toMatchObject({ trigger: 'every_10_samples', status: 'done', at_sample: 10, issues: ['Flat/montage appearance', 'Lack of depth'] });
    } finally {
      await service.close();
    }
  });
});
