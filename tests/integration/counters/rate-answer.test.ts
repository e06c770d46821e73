import { afterAll, describe, expect, it } from 'vitest';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));

describe('train.rate answers with what the next view needs', () => {
  it('carries the status, the queue and the next pair as they are once the rating is saved', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const service = await startService(dir.path);
    await service.call('settings.update', { prefetch: 4, rater_id: 'ana@studio' });
    const changes: unknown[] = [];
    service.subscribe('statusChanged', (change) => changes.push(change));
    try {
      for (let round = 1; round <= 3; round++) {
        const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
        const answer = await service.call('train.rate', {
          experiment_id: experiment!.experiment_id,
          ratings: [
            { option: 'A', rating: 4 },
            { option: 'B', rating: 2 },
          ],
          outcome: 'A',
          rated_by: 'ana@studio',
        });
        // The notice's figure and the status line's are the same number, from the same answer.
        expect(answer.samples_collected).toBe(2 * round);
        expect(answer.status.phase_1.samples_collected).toBe(2 * round);
        expect(answer.status.session.rated_today).toBe(round);
        // Asked again, the host says the same: nothing in the answer was taken before the save.
        const [status, queueState, next] = [
          await service.call('train.status', {}),
          await service.call('queue.state', {}),
          await service.call('queue.next', { wait_ms: 0 }),
        ];
        expect(answer.status.phase_1).toEqual(status.phase_1);
        expect(answer.status.prompt_evolution).toEqual(status.prompt_evolution);
        expect(answer.next.queue.ready).toBe(queueState.ready);
        expect(answer.next.experiment?.experiment_id ?? null).toBe(next.experiment?.experiment_id ?? null);
        expect(answer.next.upcoming.map((e) => e.experiment_id)).toEqual(next.upcoming.map((e) => e.experiment_id));
        // The rated pair is never offered again as the next one.
        expect(answer.next.experiment?.experiment_id).not.toBe(experiment!.experiment_id);
        // The renderer's status follows this event when it comes from elsewhere: one per rating.
        expect(changes).toEqual([{ mode: 'structure', samples_collected: 2 * round }]);
        changes.length = 0;
      }
    } finally {
      await service.close();
    }
  }, 120_000);
});
