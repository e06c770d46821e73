import { afterAll, describe, expect, it } from 'vitest';
import { RATED_BEFORE_MEASURING } from '../../core/queue';
import type { Service } from '../../core/service';
import { startService } from '../helpers/service';
import { tempDir } from '../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());

async function rateNext(service: Service, ratedBy: string, outcome: 'A' | 'B' = 'A') {
  const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
  await service.call('train.rate', {
    experiment_id: experiment!.experiment_id,
    ratings: [{ option: 'A', rating: outcome === 'A' ? 4 : 2 }, { option: 'B', rating: outcome === 'A' ? 2 : 4 }],
    outcome,
    rated_by: ratedBy,
  });
  return experiment!;
}

describe('gold and repeat pairs, the rater report and exclusion from learning', () => {
  it('mixes gold and swapped repeats in unmarked, keeps them out of learning, reports them, and excludes a rater at once', async () => {
    const service = await startService(`${dir.path}/a`, { measureRaters: true });
    try {
      await service.call('settings.update', { gold_pair_rate: 0, repeat_pair_rate: 0 });
      for (let i = 0; i < RATED_BEFORE_MEASURING; i++) await rateNext(service, 'bo@studio');
      expect(service.store.quality.raterAnswers()).toHaveLength(RATED_BEFORE_MEASURING);

      // Every new pair is now a gold pair or a repeat, made from the rated ones.
      await service.call('settings.update', { gold_pair_rate: 0.5, repeat_pair_rate: 0.5 });
      const seen: { kind: 'gold' | 'repeat'; view: unknown; id: string }[] = [];
      for (let i = 0; i < 12 && !(seen.some((s) => s.kind === 'gold') && seen.some((s) => s.kind === 'repeat')); i++) {
        const view = await rateNext(service, 'bo@studio', i % 2 === 0 ? 'A' : 'B');
        const kind = service.store.quality.kindOf(view.experiment_id);
        if (kind) seen.push({ kind, view, id: view.experiment_id });
      }
      const gold = seen.find((s) => s.kind === 'gold')!;
      const repeat = seen.find((s) => s.kind === 'repeat')!;
      expect(gold && repeat).toBeTruthy();

      // What the trainer is sent says nothing of it.
      for (const s of seen) expect(JSON.stringify(s.view)).not.toMatch(/gold|repeat|broken|defect/i);
      const goldPair = service.store.experiments.get(gold.id)!;
      expect(goldPair.options[0]!.output_sha256).not.toBe(goldPair.options[1]!.output_sha256);
      expect(goldPair.options[0]!.parameters).toEqual(goldPair.options[1]!.parameters);
      const row = service.store.forTests().prepare('SELECT repeat_of FROM quality_pairs WHERE experiment_id = ?').get(repeat.id) as { repeat_of: string };
      const original = service.store.experiments.get(row.repeat_of)!;
      const again = service.store.experiments.get(repeat.id)!;
      expect(again.options.map((o) => o.output_sha256)).toEqual([...original.options].reverse().map((o) => o.output_sha256));

      // Learning, the reward model's training rows and the prompt figures leave them out.
      const learned = new Set(service.store.ratings.ratedOptions().map((o) => o.experiment_id));
      const trained = new Set(service.store.reward.trainingRows().map((o) => o.experiment_id));
      for (const s of seen) {
        expect(learned.has(s.id)).toBe(false);
        expect(trained.has(s.id)).toBe(false);
      }
      expect(learned.has(original.id)).toBe(true);

      const report = await service.call('raters.report', {});
      const bo = report.raters.find((r) => r.rater === 'bo@studio')!;
      expect(bo.pairs).toBeGreaterThanOrEqual(RATED_BEFORE_MEASURING + seen.length);
      expect(bo.gold.n).toBe(seen.filter((s) => s.kind === 'gold').length);
      expect(bo.self_consistency.n).toBe(seen.filter((s) => s.kind === 'repeat').length);
      expect(bo.excluded).toBe(false);

      const before = service.store.ratings.ratedOptions().length;
      expect(before).toBeGreaterThan(0);
      // The Phase 1 sample count (what the optimizer learns from) leaves the gold and repeat pairs out.
      const samples = async () => (await service.call('train.status', {})).phase_1.samples_collected;
      expect(await samples()).toBe(before);
      expect(before).toBe(2 * (service.store.quality.raterAnswers().length - seen.length));
      const excluded = await service.call('raters.exclude', { rater_id: 'bo@studio', excluded: true });
      expect(excluded.raters.find((r) => r.rater === 'bo@studio')!.excluded).toBe(true);
      expect(service.store.ratings.ratedOptions()).toHaveLength(0);
      expect(service.store.reward.trainingRows()).toHaveLength(0);
      expect(await samples()).toBe(0);
      expect((await service.call('settings.get', {})).excluded_raters).toEqual(['bo@studio']);
      const back = await service.call('raters.exclude', { rater_id: 'bo@studio', excluded: false });
      expect(service.store.ratings.ratedOptions()).toHaveLength(before);
      expect(await samples()).toBe(before);
      expect(back.exclusions.map((e) => e.excluded)).toEqual([false, true]);
      await expect(service.call('raters.exclude', { rater_id: 'nobody@studio', excluded: true })).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await service.close();
    }
  }, 180_000);
});

