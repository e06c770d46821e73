export type { PromptVersion, PromptFileProblem } from './types';
export { createPromptValidator, type PromptValidator } from './validate';
export { loadPromptLibrary, promptTextFor, type PromptLibrary, type LoadedVersion } from './library';
export { compareVersions, nextVersion, parseVersion } from './semver';
export { splitPhrases, joinPhrases, normalisePhrase, phraseChanges, samePhrases } from './phrases';
export { checkTriggers, MAX_BACKOFF_INTERVALS, nextEvolution, nextEvolutionAt, PLATEAU_WINDOW, type NextEvolution, type TriggerReason, type TriggerDecision } from './triggers';
export { analyzeCommonIssues, LOW_RATING, RECENT_EXPERIMENTS, type Issue, type CommentedOption } from './issues';
export { bestAndWorst, EvolvedPromptSchema, type EvolutionBrief, type Variant, type VersionScore } from './brief';
export {
  createLlmClient,
  DEFAULT_LLM_RETRIES,
  DEFAULT_LLM_TIMEOUT_MS,
  VARIANTS_PER_EVOLUTION,
  type LlmClient,
  type LlmConfig,
  type LlmFailure,
  type TokenUsage,
} from './llm-evolver';
export { evolveOffline, phraseStatistics, type PhraseSample, type Vocabulary } from './offline-evolver';
export { checkVariant, combineLayers, phrasesToJudge, type GuardrailVerdict, type JudgeOutcome, type LayeredVerdict } from './guardrails';
export { JudgeAnswerSchema, type PhraseVerdict } from './llm-judge';
export { estimateClipTokens } from './clip-tokens';
export { decidePairedTest, DECISION_RULE, TEST_PAIRS, type PairResult, type PairedDecision } from './paired-test';
export { wordDiff, type DiffPart } from './diff';
export { makeVersion } from './make-version';
export { experimentFileName, nextExperimentNumber, writeCurrentFile, writeExperimentFile, writeVersionFile } from './files';
export { phraseOutcomes, sortHistory, wonAndLost, type PhraseOutcome, type TestedVersion } from './history';
