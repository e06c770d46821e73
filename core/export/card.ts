import type { ExportFilters, ExportRequest, ExportSummary, PairSplit, SplitFractions } from './types';
import type { FormatWriter } from './writers/writer';
import { ALL_PAIR_SPLITS } from './seeded';

/** How each exclusion reads in the card: what was left out and why. */
export const EXCLUSION_TEXT: Record<ExportSummary['excluded'][number]['reason'], string> = {
  retracted_or_replaced: 'ratings undone or replaced by a correction (history, not preferences; the rating in effect is exported)',
  gold_pair: 'gold pairs (one side a deliberately broken copy, made to check the trainers: not a provider output, never a preference)',
  repeat_pair: "repeats (a pair shown again, sides swapped, to measure the trainer's consistency: the same trainer's first answer is exported)",
  excluded_rater: 'ratings by raters the admin excluded from learning',
  flagged_rater: 'ratings by raters the rater figures flag',
  rater_filter: 'ratings by raters outside the chosen raters',
  date_range: 'ratings outside the date range',
  provider_filter: 'pairs with an option from a provider not chosen',
  mode_filter: 'pairs of a mode not chosen',
  prompt_version_filter: 'pairs with an option from a prompt version not chosen',
  rating_range: 'pairs with a rating outside the rating range',
  skipped_pair: 'skipped pairs (no rating given)',
  tie_dropped: 'ties and both-bad answers (dropped by choice)',
  image_missing: 'pairs whose image files are not on this workstation (sync to fetch them)',
  single_image_ranking: 'pairs in rankings with only one distinct image (no comparison to rank)',
};

const yamlString = (s: string) => JSON.stringify(s);

function filterLines(f: ExportFilters, exclusionsFrom: string): string[] {
  const lines: string[] = [];
  if (f.from || f.to) lines.push(`answered from ${f.from ?? 'the first rating'} to before ${f.to ?? 'the export'}`);
  if (f.raters) lines.push(`only raters ${f.raters.join(', ')}`);
  if (f.withoutRaters?.length) lines.push(`without raters ${f.withoutRaters.join(', ')}`);
  lines.push(`raters excluded from learning (as decided by ${exclusionsFrom}): ${(f.withoutExcludedRaters ?? true) ? 'left out' : 'kept'}`);
  lines.push(f.withoutFlaggedRaters ? 'flagged raters: left out' : 'flagged raters: kept');
  if (f.providers) lines.push(`providers ${f.providers.join(', ')}`);
  if (f.modes) lines.push(`modes ${f.modes.join(', ')}`);
  if (f.promptVersions) lines.push(`prompt versions ${f.promptVersions.join(', ')}`);
  if (f.minRating !== undefined || f.maxRating !== undefined) lines.push(`both ratings between ${f.minRating ?? 1} and ${f.maxRating ?? 5}`);
  lines.push(f.includeSkipped ? 'skipped pairs: included, unlabeled' : 'skipped pairs: left out');
  return lines;
}

export interface CardFacts {
  request: ExportRequest;
  summary: Omit<ExportSummary, 'files' | 'bytes'>;
  writer: FormatWriter;
  seed: number;
  splits: SplitFractions;
  raters: ReadonlyMap<string, { userId: number; pairs: number }>;
  createdAt: string;
  /** Which data the rows came from (the source's description). */
  source: string;
  /** Whose record of rater exclusions the rows were checked against (the source's `exclusionsFrom`). */
  exclusionsFrom: string;
}

/** The dataset card (`README.md`, Hugging Face's front matter first): what is in it and how it was chosen. */
export function datasetCard({ request, summary, writer, seed, splits, raters, createdAt, source, exclusionsFrom }: CardFacts): string {
  const files = writer.dataFiles();
  const present = ALL_PAIR_SPLITS.filter((s): s is PairSplit => files[s] !== undefined);
  const licence = request.licence ?? 'other';
  const front = [
    '---',
    `license: ${yamlString(licence)}`,
    ...(present.length > 0 && request.format !== 'rankings'
      ? ['configs:', '- config_name: default', '  data_files:', ...present.flatMap((s) => [`  - split: ${s}`, `    path: ${yamlString(files[s]!)}`])]
      : []),
    '---',
  ];
  const totalPairs = Object.values(summary.pairs).reduce((a, b) => a + (b ?? 0), 0);
  const body = [
    `# Latina Rating Workstation dataset (${request.format})`,
    '',
    `Exported ${createdAt} from ${source}. ${totalPairs} pairs rated by ${raters.size} raters, answered ${summary.firstAnswer ?? '—'} to ${summary.lastAnswer ?? '—'}.`,
    `Licence: ${licence}.`,
    '',
    '## Layout',
    '',
    writer.layout,
    '',
    '## Splits',
    '',
    `Train / validation / test by source render (${splits.train} / ${splits.validation} / ${splits.test}, seed ${seed}): ` +
      'every pair made from one render is in the same split. Ties and unlabeled pairs, where present, have splits of their own ' +
      'and are never in train; their `render_split` (or `split` column) says which split their render belongs to.',
    '',
    '| split | pairs | rows |',
    '|---|---|---|',
    ...ALL_PAIR_SPLITS.filter((s) => summary.pairs[s] !== undefined || summary.rows[s] !== undefined).map(
      (s) => `| ${s} | ${summary.pairs[s] ?? 0} | ${summary.rows[s] ?? 0} |`,
    ),
    '',
    '## Columns',
    '',
    '| column | type | meaning |',
    '|---|---|---|',
    ...writer.columns.map((c) => `| \`${c.name}\` | ${c.type} | ${c.description} |`),
    '',
    '## Filters',
    '',
    ...filterLines(request.filters ?? {}, exclusionsFrom).map((l) => `- ${l}`),
    '',
    '## Left out',
    '',
    '| what | count |',
    '|---|---|',
    ...summary.excluded.map((e) => `| ${EXCLUSION_TEXT[e.reason]} | ${e.pairs} |`),
    '',
    '## Raters',
    '',
    '| rater | user_id | pairs |',
    '|---|---|---|',
    ...[...raters.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, r]) => `| ${id} | ${r.userId} | ${r.pairs} |`),
    '',
    '## Integrity',
    '',
    '`manifest.json` lists the sha256 and size of every other file in this folder.',
    '',
  ];
  return [...front, '', ...body].join('\n');
}
