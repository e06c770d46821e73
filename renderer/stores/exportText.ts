import type { ExportStatus } from '../../core/api';

// How the Export page words the service's facts: progress, what was written, what was left out.

type Summary = NonNullable<ExportStatus['summary']>;
type Reason = Summary['excluded'][number]['reason'];

export const EXCLUSION_TEXT: Record<Reason, string> = {
  retracted_or_replaced: 'ratings undone or replaced by a correction (the rating in effect is exported)',
  gold_pair: 'gold pairs (one side deliberately broken to check the trainers; never a preference)',
  repeat_pair: 'repeats (a trainer’s second answer on a pair already exported)',
  excluded_rater: 'ratings by raters excluded from learning',
  flagged_rater: 'ratings by flagged raters',
  rater_filter: 'ratings by raters not chosen',
  date_range: 'ratings outside the date range',
  provider_filter: 'pairs with an option from a provider not chosen',
  mode_filter: 'pairs of a mode not chosen',
  prompt_version_filter: 'pairs with an option from a prompt version not chosen',
  rating_range: 'pairs with a rating outside the rating range',
  skipped_pair: 'skipped pairs (no rating given)',
  tie_dropped: 'ties and both-bad answers (dropped by choice)',
  image_missing: 'pairs whose images are not on this workstation (sync to fetch them)',
  single_image_ranking: 'rankings with only one distinct image',
};

/** Why the studio server cannot be chosen as the source, and what to do; null when it can. */
export function serverSourceReason(state: ExportStatus['server_source'] | undefined): string | null {
  switch (state) {
    case 'ready':
      return null;
    case undefined:
      return 'Checking whether sync is set up…';
    case 'sync_not_set_up':
      return "Sync is not set up on this workstation. To export the whole team's ratings, open Sync settings (in the header) and enter an admin's PostgreSQL login and the studio's S3 bucket.";
    case 'postgres_not_set_up':
      return "PostgreSQL is not set up for sync. Open Sync settings (in the header) and enter an admin's PostgreSQL login to export the whole team's ratings.";
    case 's3_not_set_up':
      return "S3 is not set up for sync, and the team's images are there. Open Sync settings (in the header) and enter the studio's S3 bucket.";
  }
}

const SPLIT_ORDER = ['train', 'validation', 'test', 'ties', 'unlabeled'] as const;

/** "Reading pairs: 120 of 300" or "Hashing files: 3 of 40", with the share done (0–100). */
export function progressOf(status: ExportStatus): { text: string; percent: number } {
  const p = status.progress;
  if (p === null) return { text: 'Starting…', percent: 0 };
  const percent = p.total === 0 ? 100 : Math.floor((100 * p.done) / p.total);
  const what = p.phase === 'rows' ? 'Reading pairs' : 'Hashing files for the manifest';
  return { text: `${what}: ${p.done} of ${p.total}`, percent };
}

/** "42 pairs: train 34, validation 4, test 4" — the pairs written, split by split. */
export function pairsLine(summary: Summary): string {
  const splits = SPLIT_ORDER.filter((s) => summary.pairs[s] !== undefined);
  const total = splits.reduce((n, s) => n + (summary.pairs[s] ?? 0), 0);
  return `${total} ${total === 1 ? 'pair' : 'pairs'}: ${splits.map((s) => `${s} ${summary.pairs[s]}`).join(', ')}`;
}

/** "12 files, 3.4 MB, by 2 raters" */
export function filesLine(summary: Summary): string {
  const size = summary.bytes >= 1e6 ? `${(summary.bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(summary.bytes / 1e3))} kB`;
  return `${summary.files} files, ${size}, rated by ${summary.raters} ${summary.raters === 1 ? 'rater' : 'raters'}`;
}

/** What the last export came to, in one heading. */
export function outcomeTitle(status: ExportStatus): string {
  switch (status.state) {
    case 'done':
      return 'Export finished';
    case 'failed':
      return 'Export failed';
    case 'cancelled':
      return 'Export cancelled';
    case 'running':
      return status.cancelling ? 'Cancelling the export…' : 'Exporting…';
    case 'idle':
      return 'No export yet';
  }
}
