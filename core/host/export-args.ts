import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFilters, type ExportRequest } from '../export';

export const EXPORT_USAGE = `npm run export -- --format <${EXPORT_FORMATS.join('|')}> --out <new folder> [options]

  --from <date> --to <date>          answered from (inclusive) / before (exclusive), e.g. 2026-01-31
  --rater <id> (repeat)              only these raters
  --without-rater <id> (repeat)      never these raters
  --keep-excluded-raters             keep raters the admin excluded from learning (left out by default)
  --without-flagged-raters           leave out raters the rater figures flag
  --provider <id> (repeat)           only pairs whose options both come from these providers
  --mode <structure|surfaces> (repeat)
  --prompt-version <vX.Y.Z> (repeat)
  --min-rating <1-5> --max-rating <1-5>   both ratings of a pair in this range
  --include-skipped                  pairwise: skipped pairs as unlabeled rows
  --ties <split|drop>                pairwise: ties in their own split (default) or dropped
  --seed <n>                         seeds the split and which image is image 0 (default 1)
  --splits <train,validation,test>   fractions, default 0.8,0.1,0.1
  --licence <text>                   the dataset card's licence field
  --data-dir <folder>                the app's data folder (default: LATINA_DATA_DIR or the app's own)
  --source <local|server>            local (default): this data folder's own ratings; server: the whole team's,
                                     from PostgreSQL and S3 with this data folder's sync settings (an admin's login)`;

export const EXPORT_SOURCES = ['local', 'server'] as const;
export type ExportSourceName = (typeof EXPORT_SOURCES)[number];

const number = (name: string, value: string | undefined, problems: string[]): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) problems.push(`--${name} must be a number, not "${value}".`);
  return n;
};

/** The command line as an export request, or the problems with it (each saying what to write instead). */
export function parseExportArgs(argv: string[]): { request: ExportRequest; dataDir: string | null; source: ExportSourceName } | { problems: string[] } {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        rater: { type: 'string', multiple: true },
        'without-rater': { type: 'string', multiple: true },
        'keep-excluded-raters': { type: 'boolean' },
        'without-flagged-raters': { type: 'boolean' },
        provider: { type: 'string', multiple: true },
        mode: { type: 'string', multiple: true },
        'prompt-version': { type: 'string', multiple: true },
        'min-rating': { type: 'string' },
        'max-rating': { type: 'string' },
        'include-skipped': { type: 'boolean' },
        ties: { type: 'string' },
        seed: { type: 'string' },
        splits: { type: 'string' },
        licence: { type: 'string' },
        'data-dir': { type: 'string' },
        source: { type: 'string' },
      },
    }));
  } catch (error) {
    return { problems: [(error as Error).message] };
  }
  const problems: string[] = [];
  const str = (k: string) => values[k] as string | undefined;
  const list = <T extends string>(k: string) => values[k] as T[] | undefined;
  if (!str('format')) problems.push(`--format is required: one of ${EXPORT_FORMATS.join(', ')}.`);
  if (!str('out')) problems.push('--out is required: the new folder to write the dataset to.');
  let splits: ExportRequest['splits'];
  const splitText = str('splits');
  if (splitText !== undefined) {
    const parts = splitText.split(',').map(Number);
    if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p))) problems.push(`--splits takes three fractions like 0.8,0.1,0.1, not "${splitText}".`);
    else splits = { train: parts[0]!, validation: parts[1]!, test: parts[2]! };
  }
  const ties = str('ties');
  const source = str('source') ?? 'local';
  if (!(EXPORT_SOURCES as readonly string[]).includes(source)) problems.push(`--source is local or server, not "${source}".`);
  const filters: ExportFilters = {
    from: str('from'),
    to: str('to'),
    raters: list('rater'),
    withoutRaters: list('without-rater'),
    withoutExcludedRaters: !values['keep-excluded-raters'],
    withoutFlaggedRaters: values['without-flagged-raters'] === true,
    providers: list('provider'),
    modes: list('mode'),
    promptVersions: list('prompt-version'),
    minRating: number('min-rating', str('min-rating'), problems),
    maxRating: number('max-rating', str('max-rating'), problems),
    includeSkipped: values['include-skipped'] === true,
  };
  if (problems.length > 0) return { problems };
  const request: ExportRequest = {
    format: str('format') as ExportRequest['format'],
    out: str('out')!,
    filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as ExportFilters,
    seed: number('seed', str('seed'), problems),
    splits,
    ties: ties as ExportRequest['ties'],
    licence: str('licence'),
  };
  if (problems.length > 0) return { problems };
  return { request, dataDir: str('data-dir') ?? null, source: source as ExportSourceName };
}
