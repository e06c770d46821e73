export { runExport, type ExportDeps } from './run';
export { localSource, type LocalSourceOptions } from './local-source';
export type { ExportSource, ExportSourceOpener, SourceSetup, StagedImages } from './source';
export { ExportError, type ExportFailure } from './errors';
export { requestProblems } from './validate';
export { checkOutputFolder, PARTIAL_MARK } from './output';
export { EXCLUSION_TEXT } from './card';
export { DEFAULT_SEED, DEFAULT_SPLITS } from './seeded';
export type { PromptLookup } from './pairs';
export { promptLookup } from './prompts';
export {
  EXPORT_FORMATS,
  SPLITS,
  type Exclusion,
  type ExclusionReason,
  type ExportFilters,
  type ExportFormat,
  type ExportProgress,
  type ExportRequest,
  type ExportSummary,
  type PairSplit,
  type Split,
  type SplitFractions,
} from './types';
