import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());

describe('prompt evolution faults', () => {
  it('an evolution whose follow-up cannot write its experiment file is logged; the host keeps running and every rating stays', async () => {
    // A file where the experiments folder should be stands in for a full disk or a read-only folder.
    mkdirSync(join(dir.path, 'prompts'), { recursive: true });
    writeFileSync(join(dir.path, 'prompts', 'experiments'), 'not a folder');
    const logged: string[] = [];
    const service = await startService(dir.path, { log: (m: string) => logged.push(m) });
    try {
      await service.call('settings.update', { prefetch: 1 });
      for (let i = 0; i < 5; i++) {
        const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
        const result = await service.call('train.rate', {
          experiment_id: experiment!.experiment_id,
          ratings: [
            { option: 'A', rating: 2, comments: 'flat' },
            { option: 'B', rating: 2, comments: 'flat' },
          ],
          outcome: 'tie',
          rated_by: 'ana@studio',
        });
        expect(result.success).toBe(true);
      }
      // The trigger at 10 samples ran an evolution whose paired test could not record its file.
      await expect.poll(() => logged.some((m) => /after evolution .* failed: .*ENOTDIR/.test(m)), { timeout: 30_000 }).toBe(true);
      const list = await service.call('prompts.list', {});
      expect(list.evolutions).toHaveLength(1);
      expect(list.evolutions[0]!.status).toBe('done');
      expect(list.current_version).toBe('v1.0.0');
      expect((await service.call('train.status', {})).phase_1.samples_collected).toBe(10);
    } finally {
      await service.close();
    }
  });
});
