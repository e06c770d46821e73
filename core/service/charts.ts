import type { CallOutput, CallParsedInput, Mode, ProviderId } from '../api';
import { BREAK_MS, groupMeans, type Bounds, ratingTrend, teamThroughput, throughput } from '../charts';
import { CONTINUOUS_DIMENSIONS } from '../optimizer';
import type { Store } from '../store';
import type { Learning } from '../learning';

/** Ratings in the trend's moving average: the seed's trend block, so both read alike. */
export const TREND_WINDOW = 10;
/** The intervals of means of observed ratings (providers, prompt versions). */
const CONFIDENCE = 0.95;
/** A rating's scale: the mean of ratings, and so its interval, stays on it. */
const RATING_SCALE: Bounds = [1, 5];
/** The Phase 1 posterior's bands, the level the status panel's interval uses too. */
const CREDIBLE = 0.8;

export interface ChartServiceDeps {
  store: Store;
  learning: Learning;
  mode(): Mode;
  /** Who asks: an admin sees every rater's throughput, a trainer the team's and their own (the rater id in the settings, as the session bar counts). */
  viewer(): { admin: boolean; rater: string | null };
  /** The Prompts page's overview (versions and paired tests), as `prompts.list` returns it. */
  promptsOverview(): CallOutput<'prompts.list'>;
}

/** The History page's charts: every figure computed here from the ratings table and the Phase 1 model. */
export function createChartService(deps: ChartServiceDeps) {
  const { store, learning } = deps;

  function effects(mode: Mode): CallOutput<'charts.history'>['effects'] {
    const computed = learning.optimizerFor(mode).effects();
    if (!computed) return null;
    return {
      mode,
      level: CREDIBLE,
      reference_points: computed.reference_points,
      knobs: CONTINUOUS_DIMENSIONS.map((knob) => ({ knob, points: computed.knobs[knob] })),
      providers: computed.providers,
    };
  }

  function pairedTests(overview: CallOutput<'prompts.list'>): CallOutput<'charts.history'>['prompts']['tests'] {
    return overview.evolutions.flatMap((evolution) =>
      evolution.candidates.flatMap((c) => {
        const decision = c.test?.decision;
        if (!c.test || !decision || c.version === null) return [];
        const { pairs, mean_difference, p_better_rating, p_preferred, verdict } = decision;
        return [{ candidate: c.version, baseline: c.test.baseline_version, pairs, mean_difference, p_better_rating, p_preferred, verdict }];
      }),
    );
  }

  // Other raters' pace and output judge them, as the rater report does, so only an admin sees them.
  function throughputFor(mode: Mode | null): CallOutput<'charts.history'>['throughput'] {
    const raters = throughput(store.history.answers(mode).map((a) => ({ rater: a.rater, answered_at: a.answered_at })));
    const viewer = deps.viewer();
    const shown = viewer.admin ? raters : raters.filter((r) => r.rater === viewer.rater);
    return { break_minutes: BREAK_MS / 60_000, team: teamThroughput(raters), raters: shown, hidden_raters: raters.length - shown.length };
  }

  function history(input: CallParsedInput<'charts.history'>): CallOutput<'charts.history'> {
    const rated = store.ratings.ratedOptions(input.mode ? { mode: input.mode } : {});
    const overview = deps.promptsOverview();
    return {
      mode: input.mode ?? null,
      trend: { window: TREND_WINDOW, points: ratingTrend(rated.map((o) => o.rating), TREND_WINDOW) },
      providers: {
        level: CONFIDENCE,
        rows: groupMeans(rated, (o) => o.provider, (o) => o.rating, RATING_SCALE)
          .map(({ key, ...interval }) => ({ provider: key as ProviderId, ...interval }))
          .sort((a, b) => (a.provider < b.provider ? -1 : 1)),
      },
      effects: effects(input.mode ?? deps.mode()),
      prompts: {
        level: CONFIDENCE,
        current_version: overview.current_version,
        versions: groupMeans(rated, (o) => o.prompt_version, (o) => o.rating, RATING_SCALE).map(({ key, ...interval }) => ({ version: key, ...interval })),
        tests: pairedTests(overview),
      },
      throughput: throughputFor(input.mode ?? null),
    };
  }

  return { handlers: { 'charts.history': history } };
}
