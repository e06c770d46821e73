export type { Outcome, RaterAnswer, Side } from './types';
export { wilson, binomialTwoSided, median, variance, type Proportion } from './stats';
export { krippendorffAlpha, type Alpha, type AlphaLevel } from './krippendorff';
export { raterFigures, type AgreementAlpha, type OverlapFigures, type RaterFigures, type TeamFigures } from './figures';
export { RATER_THRESHOLDS, flagRaters, raterFlags, type RaterFlag, type RaterFlagCode, type RaterReport, type RaterThresholds } from './flags';
export { PRIOR_WEIGHT, RELIABILITY_PRIOR, raterReliability, relativeWeights, reliabilityWeights, type RaterReliability } from './reliability';
export { GOLD_FEEDBACK, ownGoldRecord, type OwnGoldRecord } from './encouragement';
