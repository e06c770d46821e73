import { afterAll, describe, expect, it } from 'vitest';
import { runFitJob, type FitJob, type Hyperparameters } from '../../../core/optimizer';
import type { Service } from '../../../core/service';
import { createLearning } from '../../../core/learning/phase1';
import type { Fitter } from '../../../core/learning/optimizer-worker-host';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));

async function rate(service: Service, pairs: number, from = 0): Promise<void> {
  for (let i = from; i < from + pairs; i++) {
    const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
    await service.call('train.rate', {
      experiment_id: experiment!.experiment_id,
      ratings: [
        { option: 'A', rating: 1 + (i % 5) },
        { option: 'B', rating: 1 + ((i * 3) % 5) },
      ],
      outcome: 'A',
      rated_by: i % 2 ? 'ana@studio' : 'bo@studio',
    });
  }
}

/** A fitter whose fits finish when the test says so: what the request path sees meanwhile. */
function heldFitter(): Fitter & { jobs: FitJob[]; release(h: (job: FitJob) => Hyperparameters): void } {
  const held: { job: FitJob; resolve(h: Hyperparameters): void }[] = [];
  return {
    jobs: [],
    fit(job) {
      this.jobs.push(job);
      return new Promise((resolve) => held.push({ job, resolve }));
    },
    release(answer) {
      for (const { job, resolve } of held.splice(0)) resolve(answer(job));
    },
    close: async () => undefined,
  };
}

describe('Phase 1 fits off the request path', () => {
  it('answers from the last fit while the next one runs, then from the new one', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const service = await startService(dir.path);
    try {
      await rate(service, 4);
      const fitter = heldFitter();
      const learning = createLearning(service.store, 42, () => ['local'], fitter);
      // Nothing fitted yet: the prior medians, and a fit started for these ratings.
      const first = learning.optimizerFor('structure');
      expect(first.hyperparameters()!.amplitude).toBe(1);
      expect(first.ask(2, [])).toHaveLength(2);
      expect(fitter.jobs).toHaveLength(1);
      const fitted = { lengthscales: [0.5, 0.6, 0.7], amplitude: 1.5, noise: 0.4, providerCorrelation: 1, raterVariance: 0.2 };
      fitter.release(() => fitted);
      await learning.fitted('structure');
      expect(learning.optimizerFor('structure').hyperparameters()).toEqual(fitted);
      // A new rating: every rating at once, with the last fit until the next arrives.
      await rate(service, 1, 4);
      const stale = learning.optimizerFor('structure');
      expect(stale.status().observations).toBe(10);
      expect(stale.hyperparameters()).toEqual(fitted);
      expect(fitter.jobs).toHaveLength(2);
      expect(fitter.jobs[1]!.values).toHaveLength(10);
    } finally {
      await service.close();
    }
  });

  it('with the real worker, settles on the hyperparameters an inline fit gives', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const service = await startService(dir.path);
    const learning = createLearning(service.store, 0, () => ['local']);
    try {
      await rate(service, 5);
      await learning.fitted('structure');
      const viaWorker = learning.optimizerFor('structure');
      // What fitting these ratings on the spot gives, and not the prior medians it started from.
      expect(viaWorker.hyperparameters()).toEqual(runFitJob(viaWorker.fitJob()!));
      expect(viaWorker.hyperparameters()!.amplitude).not.toBe(1);
    } finally {
      await learning.close();
      await service.close();
    }
  });
});
