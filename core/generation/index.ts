export type { ConnectionReport, GenerationProvider, ProviderConfig, ProviderFactory, GenerationRequest, GenerationResult, PromptText } from './provider';
export { createLocalProvider, planEnhancement, type EnhancementPlan, type LocalParameters, type PromptPhrases } from './local';
export { denoiseEffective, denoiseKnobs, denoiseKnobsFor, knobsOf, leonardoEffective, leonardoKnobs, type CanonicalKnobs } from './knobs';
export {
  DEFAULT_RETRY,
  PROVIDER_FAULTS,
  ProviderError,
  REMOTE_DEFAULTS,
  parseRetryAfter,
  systemClock,
  type Clock,
  type ProviderFault,
  type RemoteOptions,
  type RetryPolicy,
} from './remote';
export { createLeonardoProvider, DEFAULT_LEONARDO_URL, PREPROCESSORS, type LeonardoConfig, type LeonardoModelFamily } from './leonardo';
export { createReplicateProvider, DEFAULT_REPLICATE_URL, type ReplicateConfig } from './replicate';
export { createLimiter, dayStartMs, type Job, type JobOutcome, type Limiter, type LimiterStatus, type ProviderLimits, type Refusal } from './limits';
export { DEFAULT_LEONARDO_MODEL, parseAutomatic1111Controlnet, parseComfyuiControlnet, parseLeonardoControlnet, parseReplicateModel, remoteProviderFactories, REPLICATE_MODEL } from './factories';
export { createAutomatic1111Provider, DEFAULT_AUTOMATIC1111_URL, type Automatic1111Config, type Automatic1111Models, type Automatic1111Provider } from './automatic1111';
export { createComfyUIProvider, DEFAULT_COMFYUI_URL, type ComfyUIConfig, type ComfyUIHint, type ComfyUIModels, type ComfyUIProvider } from './comfyui';
