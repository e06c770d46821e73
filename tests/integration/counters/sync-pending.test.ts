import { afterAll, describe, expect, it } from 'vitest';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));

describe('what the sync says is waiting', () => {
  it('counts ratings, undos, skips and generated pairs apart, and they add up to the outbox rows', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const service = await startService(dir.path);
    try {
      const rater = 'ana@studio';
      const first = await service.call('queue.next', { wait_ms: 60_000 });
      // Before anything is rated the outbox holds generated pairs only, never a rating.
      const before = await service.call('sync.status', {});
      expect(before.pending_by_kind).toMatchObject({ ratings: 0, undos: 0, skips: 0 });
      expect(before.pending_by_kind.pairs).toBeGreaterThan(0);

      let experiment = first.experiment!;
      for (let i = 0; i < 4; i++) {
        await service.call('train.rate', {
          experiment_id: experiment.experiment_id,
          ratings: [
            { option: 'A', rating: 3 },
            { option: 'B', rating: 4 },
          ],
          outcome: 'B',
          rated_by: rater,
        });
        experiment = (await service.call('queue.next', { wait_ms: 60_000 })).experiment!;
      }
      await service.call('train.undo', { rated_by: rater });
      const back = (await service.call('queue.next', { wait_ms: 60_000 })).experiment!;
      await service.call('train.skip', { experiment_id: back.experiment_id, reason: 'Cannot judge this render', rated_by: rater });

      const after = await service.call('sync.status', {});
      const kinds = after.pending_by_kind;
      // Ratings are rows written, so the undone one stays counted beside its undo.
      expect(kinds).toMatchObject({ ratings: 4, undos: 1, skips: 1 });
      // The five pairs shown were generated without error, so each is an outbox row of its own.
      expect(kinds.pairs).toBeGreaterThanOrEqual(5);
      expect(kinds.ratings + kinds.undos + kinds.skips + kinds.pairs + kinds.other).toBe(after.pending);
    } finally {
      await service.close();
    }
  }, 120_000);
});
