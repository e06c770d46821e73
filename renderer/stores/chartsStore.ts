import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, Charts, Mode } from '../../core/api';
import { errorText } from './errorText';

// The History page's charts: the figures come computed from core (`charts.history`); here they are
// loaded, labelled with their units, and summed up in words for screen readers.

export interface ChartsState {
  charts: Charts | null;
  loading: boolean;
  error: string | null;
}

export interface ChartsActions {
  refresh(mode: Mode | null): Promise<void>;
}

export type ChartsStore = StoreApi<ChartsState & ChartsActions>;

export function createChartsStore(api: ApiClient): ChartsStore {
  let latest = 0;
  return createStore<ChartsState & ChartsActions>()((set) => ({
    charts: null,
    loading: false,
    error: null,
    async refresh(mode) {
      const ticket = ++latest;
      set({ loading: true });
      try {
        const charts = await api.call('charts.history', mode === null ? {} : { mode });
        if (ticket === latest) set({ charts, loading: false, error: null });
      } catch (error) {
        if (ticket === latest) set({ loading: false, error: `The charts could not be loaded: ${errorText(error)}` });
      }
    },
  }));
}

type Knob = NonNullable<Charts['effects']>['knobs'][number]['knob'];

/** Axis titles of the knobs, with their units (all three are dimensionless scales). */
export const KNOB_AXES: Record<Knob, { title: string; unit: string }> = {
  init_strength: { title: 'Init strength', unit: '0–1, denoising' },
  guidance_scale: { title: 'Guidance scale', unit: 'CFG scale' },
  controlnet_weight: { title: 'ControlNet weight', unit: '0–1' },
};

export const RATING_AXIS = 'Rating (1–5)';
/** The Phase 1 model's prediction, on the rating's scale. */
export const EXPECTED_RATING_AXIS = 'Expected rating (1–5)';
const percent = (level: number) => `${Math.round(level * 100)} %`;
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const r2 = (v: number) => v.toFixed(2);
const range = (low: number | null, high: number | null) => (low === null || high === null ? 'no interval (one rating)' : `${r2(low)}–${r2(high)}`);

export function trendSummary(trend: Charts['trend']): string {
  const points = trend.points;
  if (points.length === 0) return 'No ratings yet.';
  const first = points[Math.min(points.length, trend.window) - 1]!;
  const last = points.at(-1)!;
  return (
    `${count(points.length, 'rated image', 'rated images')}. Moving average of the last ${trend.window} ratings: ${r2(last.moving_average)} now, ` +
    `${r2(first.moving_average)} after the first ${Math.min(points.length, trend.window)}.`
  );
}

export function providerSummary(providers: Charts['providers']): string {
  if (providers.rows.length === 0) return 'No ratings yet.';
  return providers.rows
    .map((r) => `${r.provider}: mean ${r2(r.mean)} over ${count(r.n, 'rated image', 'rated images')}, ${percent(providers.level)} interval ${range(r.low, r.high)}`)
    .join('; ')
    .concat('.');
}

/** The rise or fall of a knob's curve over its range, and where it peaks. */
export function effectSummary(knob: NonNullable<Charts['effects']>['knobs'][number]): string {
  const { points } = knob;
  const best = points.reduce((a, b) => (b.mean > a.mean ? b : a));
  const axis = KNOB_AXES[knob.knob];
  return (
    `${axis.title}: expected rating ${r2(points[0]!.mean)} at ${points[0]!.value.toFixed(2)}, ${r2(points.at(-1)!.mean)} at ${points.at(-1)!.value.toFixed(2)}, ` +
    `highest ${r2(best.mean)} (band ${r2(best.low)}–${r2(best.high)}) at ${best.value.toFixed(2)}.`
  );
}

export function providerEffectSummary(effects: NonNullable<Charts['effects']>): string {
  return effects.providers.map((p) => `${p.provider}: expected rating ${r2(p.mean)}, ${percent(effects.level)} band ${r2(p.low)}–${r2(p.high)}`).join('; ').concat('.');
}

export function promptSummary(prompts: Charts['prompts']): string {
  if (prompts.versions.length === 0) return 'No prompt version rated yet.';
  const versions = prompts.versions.map((v) => `${v.version}${v.version === prompts.current_version ? ' (current)' : ''}: mean ${r2(v.mean)} over ${v.n}, interval ${range(v.low, v.high)}`);
  const tests = prompts.tests.length === 0 ? 'No paired test finished yet.' : `${prompts.tests.length} paired test${prompts.tests.length === 1 ? '' : 's'} below.`;
  return `${versions.join('; ')}. ${tests}`;
}

export const VERDICT_TEXT: Record<Charts['prompts']['tests'][number]['verdict'], string> = {
  candidate_better: 'candidate better',
  keep_current: 'keep current',
  undecided: 'undecided',
};

const pace = (pairsPerHour: number | null, unit: string) => (pairsPerHour === null ? 'pace not measured yet' : `${Math.round(pairsPerHour)} ${unit}`);

/** The team's figures first, then each rater shown, then how many raters only an admin sees. */
export function throughputSummary(throughput: Charts['throughput']): string {
  const { team } = throughput;
  if (team.pairs === 0) return 'No pairs rated yet.';
  const teamText = `Team: ${count(team.pairs, 'pair', 'pairs')}, ${pace(team.pairs_per_hour, 'pairs per hour per rater')}, ${team.pairs_per_day.toFixed(1)} pairs per day`;
  const raters = throughput.raters.map(
    (r) => `${r.rater}: ${count(r.pairs, 'pair', 'pairs')}, ${pace(r.pairs_per_hour, 'pairs per hour')}, ${r.pairs_per_day.toFixed(1)} pairs per day`,
  );
  const hidden = throughput.hidden_raters;
  const hiddenText = hidden === 0 ? '' : ` ${count(hidden, 'other rater is', 'other raters are')} in the team total; their own figures are for admins.`;
  return `${[teamText, ...raters].join('; ')}.${hiddenText}`;
}

/** The team total's column in the chart rows: rater ids are trimmed, so none starts with a space. */
export const TEAM_KEY = ' team';
export const TEAM_TOTAL = 'Team total';
export const TEAM_PACE = 'Team (per rater)';

/** Throughput as one row per day with the team's total and a column per rater shown, oldest first. */
export function pairsPerDayRows(throughput: Charts['throughput']): Record<string, string | number>[] {
  const days = new Map<string, Record<string, string | number>>();
  for (const { day, pairs } of throughput.team.days) days.set(day, { day, [TEAM_KEY]: pairs });
  for (const rater of throughput.raters) {
    for (const { day, pairs } of rater.days) {
      const row = days.get(day) ?? { day, [TEAM_KEY]: 0 };
      row[rater.rater] = pairs;
      days.set(day, row);
    }
  }
  return [...days.values()].sort((a, b) => (String(a.day) < String(b.day) ? -1 : 1));
}

/** Pairs per hour as one bar per rater shown after the team's pace; 0 where it is not measured yet. */
export function pairsPerHourRows(throughput: Charts['throughput']): { rater: string; pace: number }[] {
  const rows = [{ rater: TEAM_PACE, pairsPerHour: throughput.team.pairs_per_hour }, ...throughput.raters.map((r) => ({ rater: r.rater, pairsPerHour: r.pairs_per_hour }))];
  return throughput.team.pairs === 0 ? [] : rows.map(({ rater, pairsPerHour }) => ({ rater, pace: pairsPerHour === null ? 0 : Math.round(pairsPerHour) }));
}
