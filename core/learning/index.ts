// What happens after a rating, off the request path: the listener of the store's ratings signal,
// the Phase 1 proposer (its hyperparameter fit in a worker thread), the reward model's retraining
// schedule and the prompt-evolution workflow (triggers, evolutions, paired tests). It sits below
// the contract's handlers (core/service).
export { listenToRatings, type AfterRatingsDeps, type AfterRatingsStep } from './after-ratings';
export { createRetraining, RETRAIN_EVERY, type Retraining, type RetrainingDeps } from './retraining';
export { createPromptEvolution, type AdoptAction, type PromptEvolution, type PromptEvolutionDeps } from './prompt-evolution';
export { EVOLUTION_DELAY_MS, type EditResult, type ReleaseResult } from './evolution-runner';
export { EVOLUTION_DEADLINE_TIMEOUTS, OFFLINE_HINT, type LlmSettings } from './evolution-proposals';
export type { TestProgress } from './paired-tests';
export {
  createLearning,
  observationsOf,
  PHASE_1_TARGET_RATING,
  PHASE_1_TARGET_SAMPLES,
  type Learning,
  type Phase1Override,
  type Phase1State,
  type StopRule as Phase1StopRule,
} from './phase1';
export { createFitWorker, OPTIMIZER_WORKER_BUNDLE, type Fitter } from './optimizer-worker-host';
