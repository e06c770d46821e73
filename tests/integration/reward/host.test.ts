import { afterAll, describe, expect, it } from 'vitest';
import type { CallOutput } from '../../../core/api';
import { rpc, startHost } from '../../helpers/host';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());

// The browser host runs from source under tsx (`npm run serve`): the reward worker must start there.
describe('reward model under the browser host', () => {
  it('trains its first model in the worker thread of the tsx-run host', async () => {
    const host = await startHost(dir.path);
    try {
      for (let i = 0; i < 10; i++) {
        const { experiment } = await rpc<CallOutput<'queue.next'>>(host, 'queue.next', { wait_ms: 60_000 });
        await rpc(host, 'train.rate', {
          experiment_id: experiment!.experiment_id,
          ratings: [
            { option: 'A', rating: 1 + (i % 5) },
            { option: 'B', rating: 5 - (i % 5) },
          ],
          outcome: i % 5 < 2 ? 'B' : 'A',
          rated_by: 'ana@studio',
        });
      }
      let status = await rpc<CallOutput<'reward.status'>>(host, 'reward.status');
      for (let waited = 0; status.model === null && waited < 180_000; waited += 500) {
        expect(status.state).not.toBe('failed');
        await new Promise((r) => setTimeout(r, 500));
        status = await rpc<CallOutput<'reward.status'>>(host, 'reward.status');
      }
      expect(status.model).toMatchObject({ training_samples: 20, heads: 5 });
      expect(status.clip.state).toBe('not_installed');
    } finally {
      await host.stop();
    }
  }, 300_000);
});
