export type { ParameterProposer, Proposal, ProposalRequest } from './proposer';
export { mulberry32, mixSeed } from './prng';
export {
  CONTINUOUS_DIMENSIONS,
  createSpace,
  fromUnit,
  seedCurrentValues,
  toCanonical,
  toProviderParameters,
  type CanonicalPoint,
  type OptimizerSpace,
} from './space';
export type { PreferenceObservation, RatingObservation } from './dataset';
export type { ProviderEncoding } from './kernel';
export {
  createOptimizer,
  type Optimizer,
  type OptimizerOptions,
  type OptimizerStatus,
  type Recommendation,
} from './optimizer';
export { MAX_SAMPLES, MIN_SAMPLES_FOR_TARGET, TARGET_RATING, type StopRule } from './stopping';
export { runFitJob, type FitJob } from './fitJob';
export type { Hyperparameters } from './marginalLikelihood';
export { EFFECT_GRID, MAX_REFERENCE_POINTS, type Dimension, type EffectPoint, type ParameterEffects } from './effects';
