import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../core/api';
import { createRatersStore, flagText, leftText, overlapText, proportionText, type RatersReport, type RaterRow } from '../../../renderer/stores/ratersStore';
import { fakeApi } from './fixtures';

const proportion = (successes: number, n: number, low: number | null = null, high: number | null = null) => ({ successes, n, value: n ? successes / n : null, low, high });
const row = (change: Partial<RaterRow> = {}): RaterRow => ({
  rater: 'bo@studio',
  pairs: 50,
  gold: proportion(8, 10, 0.49, 0.943),
  self_consistency: proportion(0, 0),
  repeat_rating_difference: null,
  agreement: { value: 0.72, low: 0.58, high: 0.81, units: 100, values: 200 },
  outcome_agreement: proportion(30, 50, 0.46, 0.72),
  overlap: { pairs: 5, alpha: { value: 0.8, low: 0.4, high: 1, units: 10, values: 20 }, outcome_agreement: proportion(4, 5, 0.38, 0.96) },
  median_seconds: { value: 9.5, n: 50 },
  rating_variance: { value: 1.2, n: 100 },
  left_choice: { ...proportion(45, 45, 0.92, 1), p: 5.7e-14 },
  flags: [{ code: 'side_bias', value: 5.7e-14, threshold: 0.01 }],
  excluded: false,
  ...change,
});
const report = (rows: RaterRow[]): RatersReport => ({ raters: rows, team_median_seconds: { value: 9, n: 200 }, team_rating_variance: { value: 1.3, n: 400 }, thresholds: {}, exclusions: [] });

describe('raters store', () => {
  it('words figures with their sample and interval, and flags with their threshold', () => {
    expect(proportionText(row().gold)).toBe('80 % (8/10, 49–94 %)');
    expect(proportionText(row().self_consistency)).toBe('–');
    expect(leftText(row())).toBe('100 % of 45 (p 5.7e-14)');
    expect(flagText({ code: 'low_gold', value: 0.6, threshold: 0.8 })).toBe('gold pairs 60 % < 80 %');
    expect(flagText(row().flags[0]!)).toBe('prefers one side: p 5.7e-14 < 0.01');
    expect(overlapText(row())).toBe('α 0.80 (5 pairs, 0.40–1.00); outcome 80 % (4/5, 38–96 %)');
    expect(overlapText(row({ overlap: { ...row().overlap, pairs: 0 } }))).toBe('–');
  });

  it('loads the report, excludes a rater through the contract, and shows a refusal', async () => {
    const fake = fakeApi({
      'raters.report': () => report([row()]),
      'raters.exclude': (input) => {
        if (input.rater_id !== 'bo@studio') throw new ApiError('not_found', `No ratings by ${input.rater_id} on this workstation: check the rater's name.`);
        return report([row({ excluded: input.excluded })]);
      },
    });
    const store = createRatersStore(fake.api);
    await store.getState().refresh();
    expect(store.getState().report!.raters[0]!.excluded).toBe(false);
    await store.getState().setExcluded('bo@studio', true);
    expect(fake.callsOf('raters.exclude')).toEqual([{ rater_id: 'bo@studio', excluded: true }]);
    expect(store.getState().report!.raters[0]!.excluded).toBe(true);
    await store.getState().setExcluded('nobody', true);
    expect(store.getState().error).toMatch(/No ratings by nobody/);
  });
});
