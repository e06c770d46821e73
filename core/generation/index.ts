export type { ConnectionReport, GenerationProvider, ProviderConfig, ProviderFactory, GenerationRequest, GenerationResult, PromptText } from './provider';
export { createLocalProvider, planEnhancement, type EnhancementPlan, type LocalParameters, type PromptPhrases } from './local';
export { createLimiter, dayStartMs, type Job, type JobOutcome, type Limiter, type LimiterStatus, type ProviderLimits, type Refusal } from './limits';
