import { afterAll, describe, expect, it } from 'vitest';
import { GOLD_FEEDBACK } from '../../core/raters';
import { RATED_BEFORE_MEASURING } from '../../core/queue';
import type { Service } from '../../core/service';
import { startService } from '../helpers/service';
import { tempDir } from '../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());

const RATER = 'bo@studio';

/** Rates the next pair, choosing A; returns whether it was a gold pair (known only to the test). */
async function rateNext(service: Service): Promise<boolean> {
  const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
  await service.call('train.rate', {
    experiment_id: experiment!.experiment_id,
    ratings: [{ option: 'A', rating: 4 }, { option: 'B', rating: 2 }],
    outcome: 'A',
    rated_by: RATER,
  });
  return service.store.quality.kindOf(experiment!.experiment_id) === 'gold';
}

describe("the trainer's own gold-pair record in the session bar", () => {
  it('appears only some pairs after the gold pairs were rated, and never moves right after one', async () => {
    const service = await startService(`${dir.path}/a`, { measureRaters: true });
    try {
      const gold = async () => (await service.call('train.status', {})).session.gold;
      await service.call('settings.update', { rater_id: RATER, gold_pair_rate: 0, repeat_pair_rate: 0 });
      for (let i = 0; i < RATED_BEFORE_MEASURING; i++) await rateNext(service);
      expect(await gold()).toBeNull();

      await service.call('settings.update', { gold_pair_rate: 0.5 });
      let goldRated = 0;
      // Counted: the gold answers among all but the trainer's last `lag` answers, so the pair just
      // rated (and the few before it) never shows in the figure. Choosing A with A rated higher is
      // right exactly when B was the broken side.
      const settled = () => service.store.quality.raterAnswers().slice(0, -GOLD_FEEDBACK.lag).filter((a) => a.brokenSide !== null);
      for (let i = 0; i < 60 && (await gold()) === null; i++) {
        if (await rateNext(service)) goldRated++;
        const counted = settled();
        const record = await gold();
        if (record === null) expect(counted.length).toBeLessThan(GOLD_FEEDBACK.minimum);
        else expect(record).toEqual({ answered: counted.length, correct: counted.filter((a) => a.brokenSide === 'B').length });
      }
      const record = await gold();
      expect(record).not.toBeNull();
      expect(goldRated).toBeGreaterThan(GOLD_FEEDBACK.minimum - 1);
      expect(record!.answered).toBeLessThan(goldRated + 1);

      // Another trainer on this workstation sees only their own: none yet.
      await service.call('settings.update', { rater_id: 'cy@studio' });
      expect(await gold()).toBeNull();
    } finally {
      await service.close();
    }
  });
});
