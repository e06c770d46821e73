import type { CallOutput } from '../../core/api';
import type { Service } from '../../core/service';

export type ShownPair = NonNullable<CallOutput<'queue.next'>['experiment']>;

/**
 * The next ready pair, however long generating it takes on a loaded machine: `queue.next` wakes
 * when the queue makes one ready, and is asked again when its longest wait ends empty-handed. The
 * test's own timeout is the only bound.
 */
export async function nextPair(service: Service): Promise<ShownPair> {
  for (;;) {
    const { experiment } = await service.call('queue.next', { wait_ms: 120_000 });
    if (experiment) return experiment;
  }
}
