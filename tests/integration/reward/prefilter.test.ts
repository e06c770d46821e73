import { afterAll, describe, expect, it } from 'vitest';
import type { Service } from '../../../core/service';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';
import { until } from '../../helpers/until';

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));

async function ratePairs(service: Service, pairs: number): Promise<void> {
  for (let i = 0; i < pairs; i++) {
    const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
    const [a, b] = [1 + (i % 5), 1 + ((i + 2) % 5)];
    await service.call('train.rate', {
      experiment_id: experiment!.experiment_id,
      ratings: [
        { option: 'A', rating: a },
        { option: 'B', rating: b },
      ],
      outcome: a > b ? 'A' : 'B',
      rated_by: 'ana@studio',
    });
  }
}

describe('pre-filter with active learning', () => {
  it('once the model is ready, new pairs are chosen from K candidates per slot: one best-predicted, one most uncertain', async () => {
    const dir = tempDir();
    dirs.push(dir);
    // The readiness rule's 200 images would take minutes of generation here: this test lowers the
    // minimum to the 20 a first model needs and accepts any pairwise accuracy, and checks the pre-filter.
    const service = await startService(dir.path, { reward: { ensemble: { maxEpochs: 20, lr: 1e-3 }, retrainDebounceMs: 50, readyMinSamples: 20, pairwiseThreshold: -1 } });
    await service.call('settings.update', { prefetch: 1, prefilter_candidates: { local: 3, leonardo: 1, stablediffusion: 1, comfyui: 1, automatic1111: 1 } });
    await ratePairs(service, 10);
    await until('a ready model', async () => (await service.call('reward.status', {})).state === 'ready', 180_000);
    expect((await service.call('train.status', {})).phase_2.ready_for_inference).toBe(true);

    // The pair queued before the model was ready was generated as proposed; the next one is pre-filtered.
    // A prompt's paired test (its pairs show one point twice, A and B differing only in the prompt)
    // bypasses the pre-filter: rate past such pairs to the next parameter pair.
    await ratePairs(service, 1);
    let { experiment } = await service.call('queue.next', { wait_ms: 120_000 });
    for (let i = 0; i < 12 && experiment!.options[0]!.prompt_version !== experiment!.options[1]!.prompt_version; i++) {
      const paired = await service.call('reward.predictions', { experiment_id: experiment!.experiment_id });
      expect(paired.prefilter).toBeNull();
      await ratePairs(service, 1);
      ({ experiment } = await service.call('queue.next', { wait_ms: 120_000 }));
    }
    const detail = await service.call('reward.predictions', { experiment_id: experiment!.experiment_id });
    expect(detail.prefilter).not.toBeNull();
    const slots = detail.prefilter!.slots;
    expect(slots.map((s) => s.chosen_as).sort()).toEqual(['best', 'uncertain']);
    for (const slot of slots) {
      expect(slot.candidates).toHaveLength(3);
      const chosen = slot.candidates.filter((c) => c.chosen);
      expect(chosen).toHaveLength(1);
      const score = (c: (typeof slot.candidates)[number]) => (slot.chosen_as === 'best' ? c.predicted_rating! : c.uncertainty!);
      expect(score(chosen[0]!)).toBe(Math.max(...slot.candidates.map(score)));
      // The option carries the chosen candidate's parameters.
      const option = experiment!.options.find((o) => o.option === slot.option)!;
      expect(option.parameters).toEqual(chosen[0]!.parameters);
    }
    await service.close();
  }, 400_000);
});
