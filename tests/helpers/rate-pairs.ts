import type { Service } from '../../core/service';

/**
 * Rates `pairs` pairs as they come, with ratings that vary from pair to pair (a model has something
 * to learn) and the outcome that follows from them; returns the rated pairs' ids.
 */
export async function ratePairs(service: Service, pairs: number, offset = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = offset; i < offset + pairs; i++) {
    const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
    const a = 1 + (i % 5);
    const b = 1 + ((i * 3 + 2) % 5);
    await service.call('train.rate', {
      experiment_id: experiment!.experiment_id,
      ratings: [
        { option: 'A', rating: a },
        { option: 'B', rating: b },
      ],
      outcome: a > b ? 'A' : a < b ? 'B' : 'tie',
      rated_by: 'ana@studio',
    });
    ids.push(experiment!.experiment_id);
  }
  return ids;
}
