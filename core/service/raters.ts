import { ApiError, type CallOutput, type CallParsedInput, type Settings } from '../api';
import { mixSeed, mulberry32 } from '../optimizer';
import { flagRaters, RATER_THRESHOLDS, raterFigures } from '../raters';
import type { Store } from '../store';

export interface RaterServiceDeps {
  store: Store;
  seed: number;
  settings(): Settings;
  /** Writes the setting patch the way settings.update does (validated, persisted). */
  updateSettings(patch: Partial<Settings>): Settings;
  /** Learning must forget the excluded rater's ratings (or take them back) at once. */
  onExclusionChanged(): void;
}

/** The rater dashboard's figures from the effective ratings, and the admin's exclusion from learning. */
export function createRaterService(deps: RaterServiceDeps) {
  const { store } = deps;

  function report(): CallOutput<'raters.report'> {
    // The bootstrap is seeded by the ratings' revision: the same ratings give the same interval.
    const [count = 0, last = 0] = store.ratings.revision().split(':').map(Number);
    const team = flagRaters(raterFigures(store.quality.raterAnswers(), mulberry32(mixSeed(deps.seed, count, last, 0xa1fa))));
    const excluded = new Set(deps.settings().excluded_raters);
    return {
      raters: team.raters.map((r) => ({
        rater: r.rater,
        pairs: r.pairs,
        gold: r.gold,
        self_consistency: r.selfConsistency,
        repeat_rating_difference: r.repeatRatingDifference,
        agreement: r.agreement,
        outcome_agreement: r.outcomeAgreement,
        overlap: { pairs: r.overlap.pairs, alpha: r.overlap.alpha, outcome_agreement: r.overlap.outcomeAgreement },
        median_seconds: r.medianSeconds,
        rating_variance: r.ratingVariance,
        left_choice: r.leftChoice,
        flags: r.flags,
        excluded: excluded.has(r.rater),
      })),
      team_median_seconds: team.teamMedianSeconds,
      team_rating_variance: team.teamRatingVariance,
      thresholds: { ...RATER_THRESHOLDS },
      exclusions: store.quality.exclusions(),
    };
  }

  return {
    handlers: {
      'raters.report': () => report(),
      'raters.exclude'(input: CallParsedInput<'raters.exclude'>): CallOutput<'raters.exclude'> {
        const current = deps.settings().excluded_raters;
        const known = store.quality.raterAnswers().some((a) => a.rater === input.rater_id) || current.includes(input.rater_id);
        if (!known) throw new ApiError('not_found', `No ratings by ${input.rater_id} on this workstation: check the rater's name.`);
        if (current.includes(input.rater_id) !== input.excluded) {
          const next = input.excluded ? [...current, input.rater_id] : current.filter((r) => r !== input.rater_id);
          store.transaction(() => {
            deps.updateSettings({ excluded_raters: next });
            store.quality.recordExclusion(input.rater_id, input.excluded, deps.settings().rater_id ?? 'admin');
          });
          deps.onExclusionChanged();
        }
        return report();
      },
    },
  };
}
