// What happens after a rating, off the request path: the listener of the store's ratings signal,
// the reward model's retraining schedule and the prompt-evolution workflow (triggers, evolutions,
// paired tests). It sits below the contract's handlers (core/service).
export { listenToRatings, type AfterRatingsDeps, type AfterRatingsStep } from './after-ratings';
export { createRetraining, RETRAIN_EVERY, type Retraining, type RetrainingDeps } from './retraining';
export { createPromptEvolution, type AdoptAction, type PromptEvolution, type PromptEvolutionDeps } from './prompt-evolution';
export { EVOLUTION_DELAY_MS, EVOLUTION_DEADLINE_TIMEOUTS, OFFLINE_HINT, type EditResult, type LlmSettings, type ReleaseResult } from './evolution-runner';
export type { TestProgress } from './paired-tests';
