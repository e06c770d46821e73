import type { ExportRequestInput, Mode, ProviderId } from '../../core/api';

// The Export page's form as typed (text fields stay text), and the request it makes. Only what the
// form itself can tell is checked here (a number that is not one); the service checks the rest
// with the same rules as `npm run export`, and its message is shown as it is.

export type ExportFormat = ExportRequestInput['format'];
export type ExportSourceName = NonNullable<ExportRequestInput['source']>;

export interface ExportDraft {
  /** This workstation's ratings, or the whole team's from the studio server. */
  source: ExportSourceName;
  format: ExportFormat;
  out: string;
  from: string;
  to: string;
  /** Comma-separated rater ids; empty: every rater. */
  raters: string;
  withoutFlaggedRaters: boolean;
  withoutExcludedRaters: boolean;
  /** None ticked: every provider (mode). */
  providers: ProviderId[];
  modes: Mode[];
  /** Comma-separated versions; empty: every version. */
  promptVersions: string;
  /** '' for no bound, else '1' to '5'. */
  minRating: string;
  maxRating: string;
  includeSkipped: boolean;
  train: string;
  validation: string;
  test: string;
  /** Empty: the export's default seed. */
  seed: string;
  ties: 'split' | 'drop';
  licence: string;
}

export const DEFAULT_DRAFT: ExportDraft = {
  source: 'local',
  format: 'pairwise',
  out: '',
  from: '',
  to: '',
  raters: '',
  withoutFlaggedRaters: false,
  withoutExcludedRaters: true,
  providers: [],
  modes: [],
  promptVersions: '',
  minRating: '',
  maxRating: '',
  includeSkipped: false,
  train: '0.8',
  validation: '0.1',
  test: '0.1',
  seed: '',
  ties: 'split',
  licence: '',
};

const list = (s: string): string[] | undefined => {
  const items = s
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
};

/** The request the draft describes, or what to fix in the form before it can be sent. */
export function requestFromDraft(d: ExportDraft): { request: ExportRequestInput } | { problems: string[] } {
  const problems: string[] = [];
  const number = (value: string, what: string, example: string): number | undefined => {
    if (value.trim() === '') return undefined;
    const n = Number(value);
    if (Number.isFinite(n)) return n;
    problems.push(`${what} must be a number such as ${example}, not "${value}".`);
    return undefined;
  };
  const seed = number(d.seed, 'The seed', '7');
  const train = number(d.train, 'The train share', '0.8');
  const validation = number(d.validation, 'The validation share', '0.1');
  const test = number(d.test, 'The test share', '0.1');
  const shares = [train, validation, test];
  if (shares.some((s) => s === undefined) && shares.some((s) => s !== undefined)) {
    problems.push('Give all three split shares (train, validation, test), or leave all three empty for 0.8 / 0.1 / 0.1.');
  }
  if (problems.length > 0) return { problems };

  const pairwise = d.format === 'pairwise';
  const filters: NonNullable<ExportRequestInput['filters']> = {
    ...(d.from.trim() ? { from: d.from.trim() } : {}),
    ...(d.to.trim() ? { to: d.to.trim() } : {}),
    ...(list(d.raters) ? { raters: list(d.raters) } : {}),
    withoutFlaggedRaters: d.withoutFlaggedRaters,
    withoutExcludedRaters: d.withoutExcludedRaters,
    ...(d.providers.length > 0 ? { providers: d.providers } : {}),
    ...(d.modes.length > 0 ? { modes: d.modes } : {}),
    ...(list(d.promptVersions) ? { promptVersions: list(d.promptVersions) } : {}),
    ...(d.minRating ? { minRating: Number(d.minRating) } : {}),
    ...(d.maxRating ? { maxRating: Number(d.maxRating) } : {}),
    // Skipped pairs and ties are pairwise notions: the other formats never get them.
    ...(pairwise && d.includeSkipped ? { includeSkipped: true } : {}),
  };
  return {
    request: {
      format: d.format,
      out: d.out.trim(),
      source: d.source,
      filters,
      ...(seed !== undefined ? { seed } : {}),
      ...(train !== undefined && validation !== undefined && test !== undefined ? { splits: { train, validation, test } } : {}),
      ...(pairwise ? { ties: d.ties } : {}),
      ...(d.licence.trim() ? { licence: d.licence.trim() } : {}),
    },
  };
}
