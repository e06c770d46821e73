import { describe, expect, it } from 'vitest';
import type { ApiClient, Charts } from '../../../core/api';
import {
  createChartsStore,
  effectSummary,
  pairsPerDayRows,
  pairsPerHourRows,
  promptSummary,
  providerSummary,
  TEAM_KEY,
  throughputSummary,
  trendSummary,
} from '../../../renderer/stores/chartsStore';

const throughput: Charts['throughput'] = {
  break_minutes: 5,
  team: { pairs: 6, pairs_per_hour: 58.6, rating_hours: 0.07, pairs_per_day: 2, days: [{ day: '2026-03-02', pairs: 4 }, { day: '2026-03-03', pairs: 1 }, { day: '2026-03-04', pairs: 1 }] },
  hidden_raters: 0,
  raters: [
    { rater: 'ana', pairs: 5, pairs_per_hour: 58.6, rating_hours: 0.07, pairs_per_day: 2.5, days: [{ day: '2026-03-02', pairs: 4 }, { day: '2026-03-04', pairs: 1 }] },
    { rater: 'bo', pairs: 1, pairs_per_hour: null, rating_hours: 0, pairs_per_day: 1, days: [{ day: '2026-03-03', pairs: 1 }] },
  ],
};

describe('chart summaries for screen readers', () => {
  it('says what the trend counts and where its moving average stands', () => {
    const points = [3, 4, 5].map((rating, i) => ({ sample: i + 1, rating, moving_average: [3, 3.5, 4][i]! }));
    expect(trendSummary({ window: 2, points })).toBe('3 rated images. Moving average of the last 2 ratings: 4.00 now, 3.50 after the first 2.');
    expect(trendSummary({ window: 10, points: [] })).toBe('No ratings yet.');
  });

  it('names each interval’s level, and says when a group is too small for one', () => {
    const text = providerSummary({ level: 0.95, rows: [{ provider: 'local', n: 4, mean: 3.5, low: 2.1, high: 4.9 }, { provider: 'leonardo', n: 1, mean: 4, low: null, high: null }] });
    expect(text).toBe('local: mean 3.50 over 4 rated images, 95 % interval 2.10–4.90; leonardo: mean 4.00 over 1 rated image, 95 % interval no interval (one rating).');
  });

  it('tells a setting’s effect from its ends and its peak', () => {
    const knob = { knob: 'guidance_scale' as const, points: [5, 8.5, 12].map((value, i) => ({ value, mean: [2, 3.6, 3.1][i]!, low: [1.5, 3.2, 2.4][i]!, high: [2.5, 4, 3.8][i]! })) };
    expect(effectSummary(knob)).toBe('Guidance scale: expected rating 2.00 at 5.00, 3.10 at 12.00, highest 3.60 (band 3.20–4.00) at 8.50.');
  });

  it('marks the current prompt version and counts the paired tests', () => {
    const prompts: Charts['prompts'] = {
      level: 0.95,
      current_version: 'v1.1.0',
      versions: [{ version: 'v1.0.0', n: 2, mean: 3, low: 1, high: 5 }, { version: 'v1.1.0', n: 1, mean: 4, low: null, high: null }],
      tests: [{ candidate: 'v1.1.0', baseline: 'v1.0.0', pairs: 5, mean_difference: 0.8, p_better_rating: 0.93, p_preferred: 0.7, verdict: 'candidate_better' }],
    };
    expect(promptSummary(prompts)).toBe('v1.0.0: mean 3.00 over 2, interval 1.00–5.00; v1.1.0 (current): mean 4.00 over 1, interval no interval (one rating). 1 paired test below.');
  });

  it('gives the team’s pace first, then each rater’s, or says it is not measured yet', () => {
    expect(throughputSummary(throughput)).toBe(
      'Team: 6 pairs, 59 pairs per hour per rater, 2.0 pairs per day; ana: 5 pairs, 59 pairs per hour, 2.5 pairs per day; bo: 1 pair, pace not measured yet, 1.0 pairs per day.',
    );
  });

  it('tells a trainer how many raters are in the team total without their own figures', () => {
    const own = { ...throughput, raters: throughput.raters.slice(0, 1), hidden_raters: 1 };
    expect(throughputSummary(own)).toBe(
      'Team: 6 pairs, 59 pairs per hour per rater, 2.0 pairs per day; ana: 5 pairs, 59 pairs per hour, 2.5 pairs per day. 1 other rater is in the team total; their own figures are for admins.',
    );
    expect(pairsPerHourRows(own)).toEqual([{ rater: 'Team (per rater)', pace: 59 }, { rater: 'ana', pace: 59 }]);
    const empty = { break_minutes: 5, team: { pairs: 0, pairs_per_hour: null, rating_hours: 0, pairs_per_day: 0, days: [] }, raters: [], hidden_raters: 0 };
    expect(throughputSummary(empty)).toBe('No pairs rated yet.');
    expect(pairsPerHourRows(empty)).toEqual([]);
  });

  it('lays out pairs per day as one row per day with the team total and a column per rater, oldest first', () => {
    expect(pairsPerDayRows(throughput)).toEqual([
      { day: '2026-03-02', [TEAM_KEY]: 4, ana: 4 },
      { day: '2026-03-03', [TEAM_KEY]: 1, bo: 1 },
      { day: '2026-03-04', [TEAM_KEY]: 1, ana: 1 },
    ]);
    expect(pairsPerHourRows(throughput)).toEqual([{ rater: 'Team (per rater)', pace: 59 }, { rater: 'ana', pace: 59 }, { rater: 'bo', pace: 0 }]);
  });
});

describe('charts store', () => {
  it('asks for the mode shown (all modes when none) and says when loading failed', async () => {
    const calls: unknown[] = [];
    let fail = false;
    const api = {
      call: async (name: string, input: unknown) => {
        calls.push([name, input]);
        if (fail) throw Object.assign(new Error('The service is closed.'), { code: 'unavailable' });
        return { mode: null } as unknown as Charts;
      },
      on: () => () => {},
    } as unknown as ApiClient;
    const store = createChartsStore(api);
    await store.getState().refresh(null);
    await store.getState().refresh('surfaces');
    expect(calls).toEqual([
      ['charts.history', {}],
      ['charts.history', { mode: 'surfaces' }],
    ]);
    expect(store.getState().charts).not.toBeNull();
    fail = true;
    await store.getState().refresh(null);
    expect(store.getState().error).toMatch(/^The charts could not be loaded: /);
    // What was shown stays on screen.
    expect(store.getState().charts).not.toBeNull();
  });
});
