import { afterAll, describe, expect, it } from 'vitest';
import type { Service } from '../../core/service';
import { startService } from '../helpers/service';
import { tempDir } from '../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());

async function rateHead(service: Service, ratedBy: string): Promise<string> {
  const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
  await service.call('train.rate', {
    experiment_id: experiment!.experiment_id,
    ratings: [{ option: 'A', rating: 4 }, { option: 'B', rating: 2 }],
    outcome: 'A',
    rated_by: ratedBy,
  });
  return experiment!.experiment_id;
}

describe('train.undo', () => {
  it('takes back only a rating this session made, whatever name the caller sends', async () => {
    const first = await startService(dir.path);
    const bos = await rateHead(first, 'bo@studio');
    await first.close();

    const second = await startService(dir.path);
    try {
      expect((await second.call('train.undo', { rated_by: 'bo@studio' })).undone).toBeNull();
      expect(second.store.ratings.effectiveRating(bos)?.rated_by).toBe('bo@studio');

      const anas = await rateHead(second, 'ana@studio');
      expect((await second.call('train.undo', { rated_by: 'bo@studio' })).undone).toBeNull();
      const undo = await second.call('train.undo', { rated_by: 'ana@studio' });
      expect(undo.undone?.experiment_id).toBe(anas);
      expect(second.store.ratings.effectiveRating(anas)).toBeUndefined();
      // Undone once, it is not undone again, and the older rating from the other session stays.
      expect((await second.call('train.undo', { rated_by: 'ana@studio' })).undone).toBeNull();
      expect(second.store.ratings.effectiveRating(bos)?.rated_by).toBe('bo@studio');
    } finally {
      await second.close();
    }
  });
});
