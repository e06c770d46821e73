import type { ExportPairRow } from '../store';
import type { ExclusionReason, ExportFilters } from './types';

/** The facts a row is judged by that do not come with the row. */
export interface SelectionContext {
  filters: ExportFilters;
  /** Raters the rater figures flag, left out when `withoutFlaggedRaters`. */
  flaggedRaters: ReadonlySet<string>;
}

/**
 * The first reason a pair is left out, or null to keep it. Gold pairs and swapped repeats measure
 * the trainers, not the enhancer, so they never become preferences whatever the filters say: a gold
 * pair's broken side is no provider's output, and a repeat is the same trainer answering a pair
 * already in the data again (the oldest pairs are the ones repeated, so keeping repeats would weigh
 * them twice). Overlap copies stay: a second trainer's answer is a second annotation.
 */
export function exclusionOf(row: ExportPairRow, { filters: f, flaggedRaters }: SelectionContext): ExclusionReason | null {
  if (row.quality_kind === 'gold') return 'gold_pair';
  if (row.quality_kind === 'repeat') return 'repeat_pair';
  if (row.rating_id === null && !f.includeSkipped) return 'skipped_pair';
  if ((f.withoutExcludedRaters ?? true) && row.rater_excluded) return 'excluded_rater';
  if (f.withoutFlaggedRaters && flaggedRaters.has(row.rated_by)) return 'flagged_rater';
  if ((f.raters && !f.raters.includes(row.rated_by)) || f.withoutRaters?.includes(row.rated_by)) return 'rater_filter';
  if ((f.from && row.answered_at < f.from) || (f.to && row.answered_at >= f.to)) return 'date_range';
  const options = [row.a, row.b];
  if (f.providers && options.some((o) => !f.providers!.includes(o.provider))) return 'provider_filter';
  if (f.modes && !f.modes.includes(row.mode)) return 'mode_filter';
  if (f.promptVersions && options.some((o) => !f.promptVersions!.includes(o.prompt_version))) return 'prompt_version_filter';
  if (row.rating_id !== null && (f.minRating !== undefined || f.maxRating !== undefined)) {
    const low = f.minRating ?? 1;
    const high = f.maxRating ?? 5;
    if (options.some((o) => o.rating === null || o.rating < low || o.rating > high)) return 'rating_range';
  }
  if (options.some((o) => o.output_sha256 === null || o.output_mime === null)) return 'image_missing';
  return null;
}
