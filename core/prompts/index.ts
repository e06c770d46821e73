export type { PromptVersion, PromptFileProblem } from './types';
export { createPromptValidator, type PromptValidator } from './validate';
export { loadPromptLibrary, promptTextFor, type PromptLibrary, type LoadedVersion } from './library';
