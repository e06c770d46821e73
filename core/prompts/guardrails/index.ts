export { checkVariant, changedPhrases, MAX_PROMPT_CHARS, preservationBreach, type GuardrailInput, type GuardrailVerdict } from './check';
export { judgePhrase, judgeNegative, type PhraseJudgement } from './meaning';
export { phraseKey } from './words';
export { combineLayers, phrasesToJudge, type JudgeOutcome, type LayeredVerdict, type LayerVerdicts } from './layers';
