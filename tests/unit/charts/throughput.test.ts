import { describe, expect, it } from 'vitest';
import { BREAK_MS, teamThroughput, throughput } from '../../../core/charts';

const at = (iso: string, plusMs: number) => new Date(Date.parse(iso) + plusMs).toISOString();

describe('per-rater throughput', () => {
  it('counts pairs per hour of rating time, breaks left out, and pairs per UTC day', () => {
    const start = '2026-03-02T09:00:00.000Z';
    const answers = [
      // ana: 4 pairs a minute apart (3 paced gaps in 3 minutes = 60/h), a break, 2 more 30 s apart, next day 1.
      ...[0, 1, 2, 3].map((m) => ({ rater: 'ana', answered_at: at(start, m * 60_000) })),
      ...[0, 30_000].map((ms) => ({ rater: 'ana', answered_at: at(start, 3 * 60_000 + BREAK_MS + 1 + ms) })),
      { rater: 'ana', answered_at: '2026-03-03T10:00:00.000Z' },
      { rater: 'bo', answered_at: at(start, 0) },
    ];
    const [ana, bo] = throughput(answers);
    expect(ana!.rater).toBe('ana');
    expect(ana!.pairs).toBe(7);
    // 4 paced answers over 3 min + 30 s.
    expect(ana!.rating_hours).toBeCloseTo(3.5 / 60, 12);
    expect(ana!.pairs_per_hour).toBeCloseTo(4 / (3.5 / 60), 9);
    expect(ana!.days).toEqual([
      { day: '2026-03-02', pairs: 6 },
      { day: '2026-03-03', pairs: 1 },
    ]);
    expect(ana!.pairs_per_day).toBe(3.5);
    // One pair: no pace to measure.
    expect(bo).toEqual({ rater: 'bo', pairs: 1, pairs_per_hour: null, rating_hours: 0, pairs_per_day: 1, days: [{ day: '2026-03-02', pairs: 1 }] });
  });

  it('sorts raters by name whatever order the answers come in, and skips unreadable times', () => {
    const rows = throughput([
      { rater: 'zoe', answered_at: '2026-03-02T09:00:00.000Z' },
      { rater: 'al', answered_at: 'not a time' },
      { rater: 'al', answered_at: '2026-03-02T09:00:00.000Z' },
    ]);
    expect(rows.map((r) => [r.rater, r.pairs])).toEqual([['al', 1], ['zoe', 1]]);
  });

  it('sums the team’s pairs per day and paces it per rater-hour of rating time', () => {
    const start = '2026-03-02T09:00:00.000Z';
    const answers = [
      // ana: 3 pairs a minute apart (2 paced in 2 min); bo: 3 pairs 30 s apart (2 paced in 1 min) and one the next day.
      ...[0, 1, 2].map((m) => ({ rater: 'ana', answered_at: at(start, m * 60_000) })),
      ...[0, 1, 2].map((i) => ({ rater: 'bo', answered_at: at(start, i * 30_000) })),
      { rater: 'bo', answered_at: '2026-03-03T00:00:10.000Z' },
    ];
    const team = teamThroughput(throughput(answers));
    expect(team.pairs).toBe(7);
    expect(team.days).toEqual([
      { day: '2026-03-02', pairs: 6 },
      { day: '2026-03-03', pairs: 1 },
    ]);
    expect(team.pairs_per_day).toBe(3.5);
    // 4 paced answers (2 + 2; bo's next-day one follows a break) over 2 + 1 minutes of rating time.
    expect(team.rating_hours).toBeCloseTo(3 / 60, 12);
    expect(team.pairs_per_hour).toBeCloseTo(4 / (3 / 60), 9);
    expect(teamThroughput([])).toEqual({ pairs: 0, pairs_per_hour: null, rating_hours: 0, pairs_per_day: 0, days: [] });
  });
});
