import { afterAll, describe, expect, it } from 'vitest';
import { toCanonical } from '../../core/optimizer';
import type { Service } from '../../core/service';
import { createLearning } from '../../core/learning/phase1';
import { whenEvents } from '../helpers/events';
import { startService } from '../helpers/service';
import { tempDir } from '../helpers/temp';

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));

async function ratedService(pairs: number): Promise<{ service: Service; dir: string }> {
  const dir = tempDir();
  dirs.push(dir);
  const service = await startService(dir.path);
  for (let i = 0; i < pairs; i++) {
    const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
    await service.call('train.rate', {
      experiment_id: experiment!.experiment_id,
      ratings: [
        { option: 'A', rating: 1 + (i % 5) },
        { option: 'B', rating: 5 - (i % 5) },
      ],
      outcome: i % 5 < 2 ? 'B' : 'A',
      rated_by: i % 2 ? 'ana@studio' : 'bo@studio',
    });
  }
  return { service, dir: dir.path };
}

describe('Phase 1 learning in the service', () => {
  it('is rebuilt from the ratings table: a fresh rebuild, before or after a restart, proposes the same pair', async () => {
    const { service, dir } = await ratedService(4);
    const request = { mode: 'structure' as const, providers: ['local' as const], round: 17, pending: [] };
    const before = createLearning(service.store, 42, () => ['local']).proposer.proposePair(request);
    const again = createLearning(service.store, 42, () => ['local']).proposer.proposePair(request);
    expect(again).toEqual(before);
    await service.close();
    const reopened = await startService(dir);
    try {
      const after = createLearning(reopened.store, 42, () => ['local']).proposer.proposePair(request);
      expect(after).toEqual(before);
      // Pending points change the answer: the pair already in the queue is not proposed twice.
      const withPending = createLearning(reopened.store, 42, () => ['local']).proposer.proposePair({
        ...request,
        pending: before.map((p) => p.point),
      });
      expect(withPending.map((p) => p.point)).not.toEqual(before.map((p) => p.point));
    } finally {
      await reopened.close();
    }
  });

  it('counts only effective ratings: an undo takes its samples out of the model', async () => {
    const { service } = await ratedService(3);
    const learning = createLearning(service.store, 42, () => ['local']);
    expect(learning.phase1('structure').optimizer.observations).toBe(6);
    await service.call('train.undo', { rated_by: 'bo@studio' });
    expect(learning.phase1('structure').optimizer.observations).toBe(4);
    const points = service.store.ratings.ratedOptions({ mode: 'structure' }).map((o) => toCanonical(o.parameters));
    expect(points).toHaveLength(4);
    await service.close();
  });

  it('lets an admin stop Phase 1, keep it running, and return to the automatic rules', async () => {
    const { service } = await ratedService(2);
    const stopped = await service.call('train.override', { mode: 'structure', phase_1: 'stop' });
    expect(stopped.phase_1).toMatchObject({ active: false, stop_rule: 'admin', override: 'stopped', estimated_trials_remaining: 0 });
    // Once stopped, new pairs pit the recommendation against one more point.
    await service.call('settings.update', { prefetch: 4 });
    await service.call('queue.next', { wait_ms: 60_000 });
    // The refill queues the recommendation's pair in the background: wait on the queue's own events.
    const recommended = () => service.store.experiments.pendingOptions('structure').some((o) => o.origin === 'recommendation');
    await whenEvents(service, ['queueChanged'], recommended);
    const origins = service.store.experiments.pendingOptions('structure').map((o) => o.origin);
    expect(origins).toContain('recommendation');

    const resumed = await service.call('train.override', { mode: 'structure', phase_1: 'resume' });
    expect(resumed.phase_1).toMatchObject({ active: true, stop_rule: null, override: 'resumed' });
    const automatic = await service.call('train.override', { mode: 'structure', phase_1: 'auto' });
    expect(automatic.phase_1).toMatchObject({ active: true, override: null });
    expect((await service.call('train.status', { mode: 'surfaces' })).phase_1.override).toBeNull();
    await expect(service.call('train.override', { mode: 'structure', phase_1: 'pause' as 'stop' })).rejects.toMatchObject({ code: 'invalid_input' });
    await service.close();
  });
});
