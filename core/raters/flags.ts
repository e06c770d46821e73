import type { RaterFigures, TeamFigures } from './figures';

export type RaterFlagCode = 'low_agreement' | 'low_gold' | 'too_fast' | 'side_bias' | 'straight_lining';

export interface RaterFlag {
  code: RaterFlagCode;
  /** The figure that raised the flag and the threshold it crossed, for the host to word. */
  value: number;
  threshold: number;
}

/**
 * Each flag needs a minimum sample, so a new rater is not flagged on a handful of pairs; α flags
 * only when its whole bootstrap interval is below the threshold. Sources
 * (see the README's "Rater quality"): α below 0.667 supports no conclusions (Krippendorff 2004);
 * gold below 80 % after at least 5 control answers is Toloka's example rule; faster than half the
 * median is the survey definition of a speeder; side bias is an exact binomial test against 0.5.
 * The straight-lining ratio is this app's choice for "far below the population's variance".
 */
export const RATER_THRESHOLDS = {
  alphaBelow: 0.667,
  alphaMinUnits: 20,
  goldBelow: 0.8,
  goldMinAnswers: 5,
  fasterThanShareOfTeamMedian: 0.5,
  speedMinPairs: 10,
  sideBiasPBelow: 0.01,
  sideBiasMinDecisive: 20,
  varianceBelowShareOfTeam: 0.25,
  varianceMinRatings: 20,
} as const;

export type RaterThresholds = typeof RATER_THRESHOLDS;

export function raterFlags(r: RaterFigures, team: TeamFigures, t: RaterThresholds = RATER_THRESHOLDS): RaterFlag[] {
  const flags: RaterFlag[] = [];
  // With an interval, the whole interval must lie below: 50 pairs leave α uncertain by about ±0.1.
  const alphaEvidence = r.agreement.high ?? r.agreement.value;
  if (alphaEvidence !== null && r.agreement.values >= t.alphaMinUnits && alphaEvidence < t.alphaBelow) {
    flags.push({ code: 'low_agreement', value: r.agreement.value ?? alphaEvidence, threshold: t.alphaBelow });
  }
  if (r.gold.value !== null && r.gold.n >= t.goldMinAnswers && r.gold.value < t.goldBelow) {
    flags.push({ code: 'low_gold', value: r.gold.value, threshold: t.goldBelow });
  }
  const teamSeconds = team.teamMedianSeconds.value;
  if (r.medianSeconds.value !== null && teamSeconds !== null && r.medianSeconds.n >= t.speedMinPairs) {
    const limit = teamSeconds * t.fasterThanShareOfTeamMedian;
    if (r.medianSeconds.value < limit) flags.push({ code: 'too_fast', value: r.medianSeconds.value, threshold: limit });
  }
  if (r.leftChoice.n >= t.sideBiasMinDecisive && r.leftChoice.p < t.sideBiasPBelow) {
    flags.push({ code: 'side_bias', value: r.leftChoice.p, threshold: t.sideBiasPBelow });
  }
  const teamVariance = team.teamRatingVariance.value;
  if (r.ratingVariance.value !== null && teamVariance !== null && r.ratingVariance.n >= t.varianceMinRatings) {
    const limit = teamVariance * t.varianceBelowShareOfTeam;
    if (r.ratingVariance.value < limit) flags.push({ code: 'straight_lining', value: r.ratingVariance.value, threshold: limit });
  }
  return flags;
}

export interface RaterReport extends Omit<TeamFigures, 'raters'> {
  raters: (RaterFigures & { flags: RaterFlag[] })[];
}

export function flagRaters(team: TeamFigures, t: RaterThresholds = RATER_THRESHOLDS): RaterReport {
  return { ...team, raters: team.raters.map((r) => ({ ...r, flags: raterFlags(r, team, t) })) };
}
