// `npm run bench:guardrails`: how the guardrail layers score on the labelled corpus
// (tests/unit/prompts/guardrail-corpus.json), per split: the share of content-changing phrases
// refused (recall), the share of quality-only phrases refused, and the precision of the refusals.
// The development half tuned the rules; the held-out half and the fresh set did not.
// The LLM judge is measured when BENCH_LLM_BASE_URL and BENCH_LLM_MODEL (and BENCH_LLM_KEY if the
// server needs one) name a server; "both" refuses when either layer refuses or they disagree,
// because a disagreement waits for an admin and nothing passes on its own.
import { createLlmClient } from '../core/prompts';
import { CURRENT_PROMPT, deterministicRefuses, loadCorpus, score, type CorpusEntry, type Score } from './guardrails-corpus';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const corpus = loadCorpus();
const splits: [string, CorpusEntry[]][] = [
  ['development', corpus.filter((e) => e.split === 'development')],
  ['held out', corpus.filter((e) => e.split === 'held_out')],
  ['fresh', corpus.filter((e) => e.split === 'fresh')],
  ['all', corpus],
];

function row(layer: string, split: string, s: Score): string {
  return `| ${layer} | ${split} | ${s.phrases} | ${pct(s.contentRefused)} | ${pct(s.qualityRefused)} | ${pct(s.precision)} |`;
}

console.log('Targets: content-changing phrases refused >= 97 %, quality-only phrases refused <= 3 %.\n');
console.log('| layer | split | phrases | content refused (recall) | quality refused | precision |');
console.log('|---|---|---|---|---|---|');
const deterministic = new Map(corpus.map((e) => [e, deterministicRefuses(e.text).refused]));
for (const [name, entries] of splits) console.log(row('deterministic', name, score(entries, (e) => deterministic.get(e)!)));
const baseUrl = process.env.BENCH_LLM_BASE_URL;
const model = process.env.BENCH_LLM_MODEL;
if (baseUrl && model) {
  const client = createLlmClient({ baseUrl, model, apiKey: process.env.BENCH_LLM_KEY ?? null, timeoutMs: 60_000, maxRetries: 2 });
  const llm = new Map<CorpusEntry, boolean>();
  for (const entry of corpus) {
    const answer = await client.judge(CURRENT_PROMPT, [entry.text]);
    // No usable verdict holds the candidate for an admin: it does not pass.
    llm.set(entry, answer.ok ? answer.value[0]!.changes_content : true);
  }
  for (const [name, entries] of splits) console.log(row(`LLM judge (${model})`, name, score(entries, (e) => llm.get(e)!)));
  for (const [name, entries] of splits) console.log(row('both', name, score(entries, (e) => deterministic.get(e)! || llm.get(e)!)));
} else {
  console.log('| LLM judge | — | not measured: set BENCH_LLM_BASE_URL and BENCH_LLM_MODEL | | | |');
}
const all = score(corpus, (e) => deterministic.get(e)!);
for (const e of all.missed) console.log(`missed (content passed): ${e.text}`);
for (const e of all.wronglyRefused) console.log(`wrongly refused (quality): ${e.text}`);
