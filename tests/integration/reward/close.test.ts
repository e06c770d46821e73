import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ENSEMBLE_OPTIONS, WORKER_CLOSED, createRewardWorker } from '../../../core/reward';
import { whenEvents } from '../../helpers/events';
import { ratePairs } from '../../helpers/rate-pairs';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

// Closing the app (SIGTERM, the window closed) while the reward model trains: the worker thread is
// ended at once instead of being waited for, nothing of the run is saved, the ratings are, and the
// next start trains again.

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));

// A run that never stops early and has hours of epochs: a close that waited for it would not end.
const endless = { ensemble: { maxEpochs: 10_000_000, patience: 10_000_000 }, retrainDebounceMs: 50 };

describe('closing while the reward model trains', () => {
  it('stops the worker at once: close resolves during the run, no model is saved, the ratings are', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    dirs.push(dir);
    const logged: string[] = [];
    const service = await startService(dir.path, { reward: endless, log: (line) => logged.push(line) });
    await ratePairs(service, 10);
    const training = await whenEvents(service, ['statusChanged'], async () => {
      const status = await service.call('reward.status', {});
      return status.training && status;
    });
    expect(training).toMatchObject({ state: 'training', training_samples: 20 });

    // Resolves only because the run ended: it is told the worker closed, and made no model.
    await service.close();
    expect(logged.filter((line) => line.includes(WORKER_CLOSED))).toEqual([`reward model: Training failed: ${WORKER_CLOSED.replace(/\.$/, '')}. The app keeps rating; the next rating retries.`]);
    expect(logged.some((line) => /reward model rwd_\w+ trained/.test(line))).toBe(false);

    // The next start finds every rating and no model from the stopped run; its own debounce keeps it from training here.
    const again = await startService(dir.path, { reward: { retrainDebounceMs: 3_600_000 } });
    try {
      expect(await again.call('reward.status', {})).toMatchObject({ model: null, training: false, training_samples: 20 });
    } finally {
      await again.close();
    }
  });

  it('a closed worker refuses every later job with a message', async () => {
    const worker = createRewardWorker();
    await worker.close();
    await expect(worker.features(new Uint8Array([1, 2, 3]), 'after close')).rejects.toThrow(WORKER_CLOSED);
    await expect(worker.train([], DEFAULT_ENSEMBLE_OPTIONS, {})).rejects.toThrow(WORKER_CLOSED);
  });
});
