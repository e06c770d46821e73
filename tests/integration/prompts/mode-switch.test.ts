import { afterAll, describe, expect, it } from 'vitest';
import type { Service } from '../../../core/service';
import { whenEvents } from '../../helpers/events';
import { nextPair } from '../../helpers/next-pair';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());

// Equal ratings: the candidate is neither plainly better nor plainly worse, so its test never stops
// early and runs to its 5th pair.
async function rateOne(service: Service): Promise<string> {
  const experiment = await nextPair(service);
  await service.call('train.rate', {
    experiment_id: experiment.experiment_id,
    ratings: [
      { option: 'A', rating: 3 },
      { option: 'B', rating: 3 },
    ],
    outcome: 'tie',
    rated_by: 'ana@studio',
  });
  return experiment.options[0]!.metadata.origin;
}

const testPairsWaiting = (service: Service, mode: string) =>
  (
    service.store.forTests()
      .prepare(`SELECT count(*) AS n FROM experiments e JOIN options o ON o.experiment_id = e.id AND o.label = 'A' WHERE o.origin = 'prompt-test' AND e.mode = ? AND e.status IN ('generating', 'ready')`)
      .get(mode) as { n: number }
  ).n;

describe('a paired test across a mode switch', () => {
  // Dozens of generations through the local enhancer: slow on a loaded 2-core machine. It waits on
  // events, never on the clock.
  it('finishes in the new mode although some of its pairs wait in the old one', { timeout: 240_000 }, async () => {
    const service = await startService(dir.path);
    try {
      await service.call('settings.update', { prefetch: 3 });
      // The candidate is an admin's edit with a phrase the local enhancer shows in either mode (warm
      // light): an evolved one may have no visible effect in the new mode, and which one is tested
      // first would depend on how fast the machine generates. Its paired test starts at once, and no
      // evolution starts while it runs. Rate until some of its pairs are rated and some wait here.
      const current = (await service.call('prompts.list', {})).versions.find((v) => v.current)!;
      const edited = await service.call('prompts.edit', { prompt: `${current.prompt}, golden hour`, negative_prompt: current.negative_prompt, edited_by: 'admin@studio' });
      const tested = edited.evolutions[0]!.candidates[0]!.id;
      const candidates = async () => (await service.call('prompts.list', {})).evolutions.flatMap((e) => e.candidates);
      const candidate = async () => (await candidates()).find((c) => c.id === tested)!;
      let waiting = false;
      for (let i = 0; i < 20 && !waiting; i++) {
        await rateOne(service);
        // A pair still generating may yet be set aside unseen: count the waiting ones once none is.
        await whenEvents(service, ['queueChanged'], async () => (await service.call('queue.state', {})).generating === 0);
        const now = await candidate();
        expect(now.status).toBe('testing');
        waiting = now.test!.pairs_rated > 0 && testPairsWaiting(service, 'structure') > 0;
      }
      expect(waiting).toBe(true);
      const stranded = testPairsWaiting(service, 'structure');

      // The trainer moves to the other mode for good: the test must still reach its 5 rated pairs.
      await service.call('settings.update', { mode: 'surfaces' });
      for (let i = 0; i < 20 && (await candidate()).status === 'testing'; i++) await rateOne(service);
      const first = await candidate();
      expect(['won', 'lost']).toContain(first.status);
      expect(first.test!.pairs_rated).toBe(5);
      // The pairs left in the old mode are still there for whoever rates in it.
      expect(testPairsWaiting(service, 'structure')).toBe(stranded);
    } finally {
      await service.close();
    }
  });
});
