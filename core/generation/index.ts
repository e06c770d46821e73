export type { ConnectionReport, GenerationProvider, GenerationRequest, GenerationResult, PromptText } from './provider';
export { createLocalProvider, planEnhancement, type EnhancementPlan, type LocalParameters, type PromptPhrases } from './local';
