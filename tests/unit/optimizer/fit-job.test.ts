import { describe, expect, it } from 'vitest';
import { createOptimizer, createSpace, mulberry32, runFitJob, type CanonicalPoint, type RatingObservation } from '../../../core/optimizer';
import { createFitWorker } from '../../../core/learning/optimizer-worker-host';

const space = createSpace(['leonardo', 'stablediffusion']);
const at = (provider: CanonicalPoint['provider'], u: number[]): CanonicalPoint => ({
  provider,
  init_strength: 0.1 + 0.4 * u[0]!,
  guidance_scale: 5 + 7 * u[1]!,
  controlnet_weight: 0.7 + 0.29 * u[2]!,
});

function ratings(seed: number, count: number): RatingObservation[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const point = at(random() < 0.5 ? 'leonardo' : 'stablediffusion', [random(), random(), random()]);
    const quality = 2 + 2.5 * Math.exp(-((point.init_strength - 0.3) ** 2) / 0.01);
    return { point, rating: Math.min(5, Math.max(1, Math.round(quality + random() - 0.5))), rater: i % 3 ? 'ann' : 'bob' };
  });
}

describe('the hyperparameter fit as a job', () => {
  it('gives the inline fit wherever it runs, and an optimizer given its result answers as the inline one', () => {
    const inline = createOptimizer({ space, seed: 4 });
    inline.tell(ratings(3, 24));
    const job = inline.fitJob()!;
    // Through structured clone, as a worker receives it.
    expect(runFitJob(structuredClone(job))).toEqual(inline.hyperparameters());
    const given = createOptimizer({ space, seed: 4, hyperparameters: runFitJob(job) });
    given.tell(ratings(3, 24));
    expect(given.ask(2, [])).toEqual(inline.ask(2, []));
    expect(given.status()).toEqual(inline.status());
  });

  it('conditions on every rating with an earlier fit, filling what that fit lacked from the prior', () => {
    const earlier = createOptimizer({ space, seed: 4 });
    earlier.tell(ratings(3, 10).map((r) => ({ ...r, rater: 'ann' })));
    const stale = earlier.hyperparameters()!;
    expect(stale.raterVariance).toBe(0);
    const later = createOptimizer({ space, seed: 4, hyperparameters: stale });
    later.tell(ratings(3, 30));
    expect(later.status().observations).toBe(30);
    expect(later.hyperparameters()!.lengthscales).toEqual(stale.lengthscales);
    expect(later.hyperparameters()!.raterVariance).toBeGreaterThan(0);
    expect(Object.keys(later.status().rater_offsets).sort()).toEqual(['ann', 'bob']);
  });

  it('without a fit, the prior medians stand in', () => {
    const prior = createOptimizer({ space, seed: 4, hyperparameters: 'prior' });
    prior.tell(ratings(3, 12));
    const fitted = createOptimizer({ space, seed: 4 });
    fitted.tell(ratings(3, 12));
    expect(prior.hyperparameters()!.amplitude).toBe(1);
    expect(prior.hyperparameters()).not.toEqual(fitted.hyperparameters());
  });

  it('runs in a worker thread with the same result', async () => {
    const inline = createOptimizer({ space, seed: 4 });
    inline.tell(ratings(5, 40));
    const worker = createFitWorker();
    try {
      expect(await worker.fit(inline.fitJob()!)).toEqual(inline.hyperparameters());
    } finally {
      await worker.close();
    }
  });

  it('a closed worker rejects what was pending with a message that says so', async () => {
    const inline = createOptimizer({ space, seed: 4 });
    inline.tell(ratings(5, 40));
    const worker = createFitWorker();
    const refused = expect(worker.fit(inline.fitJob()!)).rejects.toThrow(/worker was closed/);
    await worker.close();
    await refused;
  });
});
