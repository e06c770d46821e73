import { afterAll, describe, expect, it } from 'vitest';
import type { Service } from '../../../core/service';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));

async function freshService(): Promise<Service> {
  const dir = tempDir();
  dirs.push(dir);
  return startService(dir.path);
}

async function rateNext(service: Service, i: number): Promise<void> {
  const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
  await service.call('train.rate', {
    experiment_id: experiment!.experiment_id,
    ratings: [
      { option: 'A', rating: 1 + (i % 5) },
      { option: 'B', rating: 5 - (i % 5) },
    ],
    outcome: i % 5 < 2 ? 'B' : 'A',
    rated_by: 'bo@studio',
  });
}

describe('figures that describe the same thing agree, at every rating up to 74 samples', () => {
  it('Phase 1 target, next evolution and next training never name a count already passed', async () => {
    const service = await freshService();
    try {
      for (let i = 0; i < 37; i++) {
        await rateNext(service, i);
        const status = await service.call('train.status', {});
        const prompts = await service.call('prompts.list', {});
        const reward = await service.call('reward.status', {});
        const at = `after ${i + 1} pairs`;

        // "Samples collected: 74/50" once Phase 1 was over: past it there is no target.
        expect(status.phase_1.samples_collected, at).toBe(2 * (i + 1));
        expect(status.phase_1.target_samples, at).toBe(status.phase_1.active ? 50 : null);

        // The status line and the Prompts page give the same next evolution, never behind the count.
        const next = status.prompt_evolution;
        expect(prompts.next_evolution_at_sample, at).toBe(next.next_evolution_at_sample);
        expect(prompts.next_evolution_waiting_for, at).toBe(next.next_evolution_waiting_for);
        if (next.next_evolution_at_sample === null) expect(next.next_evolution_waiting_for, at).not.toBeNull();
        else expect(next.next_evolution_at_sample, at).toBeGreaterThanOrEqual(prompts.samples);

        // The Model page: the count now, and the next run never at a count already passed.
        expect(reward.training_samples, at).toBe(2 * (i + 1));
        expect(reward.next_training_at_samples, at).toBeGreaterThanOrEqual(reward.training_samples);
        if (reward.model) expect(reward.model.readiness, at).toContain(`trained on ${reward.model.training_samples} rated images`);
      }
      // The run this data gives: Phase 1 ends by its 50-sample rule before the last rating.
      const final = await service.call('train.status', {});
      expect(final.phase_1).toMatchObject({ active: false, samples_collected: 74, target_samples: null });
    } finally {
      await service.close();
    }
  }, 300_000);

  it("an admin's stop or resume leaves no target to count toward; auto brings the rule's back", async () => {
    const service = await freshService();
    try {
      await rateNext(service, 0);
      expect((await service.call('train.override', { mode: 'structure', phase_1: 'stop' })).phase_1.target_samples).toBeNull();
      expect((await service.call('train.override', { mode: 'structure', phase_1: 'resume' })).phase_1.target_samples).toBeNull();
      expect((await service.call('train.override', { mode: 'structure', phase_1: 'auto' })).phase_1.target_samples).toBe(50);
    } finally {
      await service.close();
    }
  }, 120_000);
});
