import { afterAll, describe, expect, it } from 'vitest';
import type { Service } from '../../core/service';
import { startService, TEST_ADMIN_PASSPHRASE } from '../helpers/service';
import { tempDir } from '../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());

// The submissions' times come from the service's injected clock: a minute per pair.
let clockMs = Date.UTC(2026, 2, 2, 9, 0, 0);
const now = () => new Date(clockMs).toISOString();

async function rateNext(service: Service, ratedBy: string, a: number, b: number) {
  const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
  clockMs += 60_000;
  await service.call('train.rate', {
    experiment_id: experiment!.experiment_id,
    ratings: [{ option: 'A', rating: a }, { option: 'B', rating: b }],
    outcome: a > b ? 'A' : b > a ? 'B' : 'tie',
    rated_by: ratedBy,
  });
}

describe('charts.history', () => {
  it('returns every chart of the History page from the ratings and the Phase 1 model', async () => {
    const service = await startService(`${dir.path}/a`, { now });
    try {
      const empty = await service.call('charts.history', {});
      expect(empty.trend.points).toEqual([]);
      expect(empty.effects).toBeNull();
      expect(empty.throughput.raters).toEqual([]);

      const given: number[] = [];
      for (let i = 0; i < 6; i++) {
        const [a, b] = [1 + (i % 5), 5 - (i % 3)];
        given.push(a, b);
        await rateNext(service, 'ana@studio', a, b);
      }
      for (let i = 0; i < 3; i++) {
        given.push(3, 4);
        await rateNext(service, 'bo@studio', 3, 4);
      }
      const charts = await service.call('charts.history', {});
      const stored = service.store.ratings.ratedOptions();
      expect(stored).toHaveLength(18);

      // Trend: every rated image in order, with the trailing mean of 10.
      expect(charts.trend.window).toBe(10);
      expect(charts.trend.points.map((p) => p.rating)).toEqual(stored.map((o) => o.rating));
      expect([...charts.trend.points.map((p) => p.rating)].sort()).toEqual([...given].sort());
      const last10 = stored.slice(-10).map((o) => o.rating);
      expect(charts.trend.points.at(-1)!.moving_average).toBeCloseTo(last10.reduce((s, r) => s + r, 0) / 10, 12);

      // Providers: the mean of what each was rated, with a 95 % interval around it.
      expect(charts.providers.level).toBe(0.95);
      for (const row of charts.providers.rows) {
        const ratings = stored.filter((o) => o.provider === row.provider).map((o) => o.rating);
        expect(row.n).toBe(ratings.length);
        expect(row.mean).toBeCloseTo(ratings.reduce((s, r) => s + r, 0) / ratings.length, 12);
        expect(row.low!).toBeLessThan(row.mean);
        expect(row.high!).toBeGreaterThan(row.mean);
        expect(row.low!).toBeGreaterThanOrEqual(1);
        expect(row.high!).toBeLessThanOrEqual(5);
      }
      expect(charts.providers.rows.reduce((s, r) => s + r.n, 0)).toBe(18);

      // Parameter effects: the current mode's posterior, one curve per knob and a row per provider.
      const settings = await service.call('settings.get', {});
      expect(charts.effects!.mode).toBe(settings.mode);
      expect(charts.effects!.level).toBe(0.8);
      expect(charts.effects!.knobs.map((k) => k.knob)).toEqual(['init_strength', 'guidance_scale', 'controlnet_weight']);
      for (const { points } of charts.effects!.knobs) {
        expect(points).toHaveLength(21);
        for (const p of points) expect(p.low <= p.mean && p.mean <= p.high && p.low >= 1 && p.high <= 5).toBe(true);
      }
      expect(charts.effects!.providers.length).toBeGreaterThan(0);

      // Prompt versions: the one in use carries all 18 ratings; no paired test ran yet.
      expect(charts.prompts.versions).toEqual([expect.objectContaining({ version: charts.prompts.current_version, n: 18 })]);
      expect(charts.prompts.tests).toEqual([]);

      // Throughput: a pair a minute, per rater.
      const [ana, bo] = charts.throughput.raters;
      expect(ana).toMatchObject({ rater: 'ana@studio', pairs: 6, days: [{ day: '2026-03-02', pairs: 6 }] });
      expect(ana!.pairs_per_hour).toBeCloseTo(60, 9);
      expect(bo).toMatchObject({ rater: 'bo@studio', pairs: 3, pairs_per_day: 3 });
      expect(charts.throughput.team).toMatchObject({ pairs: 9, days: [{ day: '2026-03-02', pairs: 9 }] });
      expect(charts.throughput.hidden_raters).toBe(0);

      // Another mode: nothing rated there, and no model to draw effects from.
      const other = settings.mode === 'structure' ? 'surfaces' : 'structure';
      const elsewhere = await service.call('charts.history', { mode: other });
      expect(elsewhere.mode).toBe(other);
      expect(elsewhere.trend.points).toEqual([]);
      expect(elsewhere.effects).toBeNull();
      await expect(service.call('charts.history', { mode: 'kitchen' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/structure.*surfaces/) });
    } finally {
      await service.close();
    }
  });

  it('shows a trainer the team’s throughput and their own, and every rater’s only to an admin', async () => {
    const service = await startService(`${dir.path}/b`, { now, role: 'trainer' });
    try {
      for (const rater of ['ana@studio', 'bo@studio', 'cy@studio', 'ana@studio']) await rateNext(service, rater, 4, 2);

      // No rater id set yet: the team only.
      const anonymous = await service.call('charts.history', {});
      expect(anonymous.throughput.raters).toEqual([]);
      expect(anonymous.throughput.hidden_raters).toBe(3);
      expect(anonymous.throughput.team.pairs).toBe(4);

      await service.call('settings.update', { rater_id: 'ana@studio' });
      const trainer = await service.call('charts.history', {});
      expect(trainer.throughput.raters.map((r) => [r.rater, r.pairs])).toEqual([['ana@studio', 2]]);
      expect(trainer.throughput.hidden_raters).toBe(2);
      expect(trainer.throughput.team.pairs).toBe(4);
      // The rest of History is the same for everyone.
      expect(trainer.trend.points).toHaveLength(8);

      await service.call('session.unlockAdmin', { passphrase: TEST_ADMIN_PASSPHRASE });
      const admin = await service.call('charts.history', {});
      expect(admin.throughput.raters.map((r) => [r.rater, r.pairs])).toEqual([['ana@studio', 2], ['bo@studio', 1], ['cy@studio', 1]]);
      expect(admin.throughput.hidden_raters).toBe(0);
      expect(admin.throughput.team).toEqual(trainer.throughput.team);

      await service.call('session.lock', {});
      expect((await service.call('charts.history', {})).throughput.raters.map((r) => r.rater)).toEqual(['ana@studio']);
    } finally {
      await service.close();
    }
  });
});
