import type { PhraseVerdict } from '../llm-judge';
import { changedPhrases, checkVariant, inspectVariant, type GuardrailInput, type GuardrailVerdict } from './check';
import { judgePhrase } from './meaning';

// The two guardrail layers together. The rules (check.ts) and, when an LLM is set up, the LLM judge
// each say of every changed phrase whether it changes content. When they agree, the rules' verdict
// stands; when they disagree on a phrase, or the judge gave no usable answer, the candidate waits for
// an admin with both verdicts, because neither layer alone is trusted to decide it.

export interface LayerVerdicts {
  /** Every changed phrase with what the rules say of it. */
  rules: { phrase: string; changes_content: boolean }[];
  llm:
    | { status: 'not_configured' }
    | { status: 'answered'; phrases: PhraseVerdict[] }
    | { status: 'failed'; message: string; action: string };
}

export interface LayeredVerdict extends GuardrailVerdict {
  /** True when the layers disagree or the judge failed: an admin decides. */
  needs_admin: boolean;
  layers: LayerVerdicts;
}

export type JudgeOutcome = { ok: true; value: PhraseVerdict[] } | { ok: false; message: string; action: string } | null;

/** The phrases the LLM judge is asked about: the same ones the rules judge. */
export const phrasesToJudge = (input: GuardrailInput): string[] => changedPhrases(input.current_prompt, input.prompt);

export function combineLayers(input: GuardrailInput, judge: JudgeOutcome): LayeredVerdict {
  const verdict = checkVariant(input);
  // A duplicate, a dropped preservation phrase or a limit is refused whatever the judge says.
  const overrulable = inspectVariant(input).other.length === 0;
  const rules = phrasesToJudge(input).map((phrase) => ({ phrase, changes_content: judgePhrase(phrase).verdict !== 'quality' }));
  if (judge === null) return { ...verdict, needs_admin: false, layers: { rules, llm: { status: 'not_configured' } } };
  if (!judge.ok) {
    return {
      passed: false,
      reasons: [...verdict.reasons, `the LLM judge gave no verdict: ${judge.message} An admin decides.`],
      warnings: verdict.warnings,
      needs_admin: overrulable,
      layers: { rules, llm: { status: 'failed', message: judge.message, action: judge.action } },
    };
  }
  const disagreements = rules.flatMap((rule, i) => {
    const llm = judge.value[i]!;
    if (llm.changes_content === rule.changes_content) return [];
    const says = (content: boolean) => (content ? 'changes the content' : 'only changes rendering quality');
    return [`the rules say "${rule.phrase}" ${says(rule.changes_content)}, the LLM judge says it ${says(llm.changes_content)} (${llm.reason}); an admin decides`];
  });
  const layers: LayerVerdicts = { rules, llm: { status: 'answered', phrases: judge.value } };
  if (disagreements.length === 0) return { ...verdict, needs_admin: false, layers };
  return { passed: false, reasons: [...verdict.reasons, ...disagreements], warnings: verdict.warnings, needs_admin: overrulable, layers };
}
