import type { Mode, Outcome, Parameters, ProviderId } from '../api';

export const EXPORT_FORMATS = ['pairwise', 'imagefolder', 'rankings', 'csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const SPLITS = ['train', 'validation', 'test'] as const;
export type Split = (typeof SPLITS)[number];
/** Pairwise exports may put ties (and unlabeled skipped pairs) in splits of their own. */
export type PairSplit = Split | 'ties' | 'unlabeled';

/**
 * What to leave out. Pair-level throughout: a pair is kept when both its options pass, so the
 * per-image formats and the pairwise one describe the same pairs.
 */
export interface ExportFilters {
  /** Answered at or after this ISO time. */
  from?: string;
  /** Answered before this ISO time. */
  to?: string;
  /** Only these raters (ids as recorded in `rated_by`). */
  raters?: string[];
  /** Never these raters. */
  withoutRaters?: string[];
  /** Leave out raters the admin excluded from learning (the `excluded_raters` setting). Default true. */
  withoutExcludedRaters?: boolean;
  /** Leave out raters the rater figures flag (low agreement, low gold accuracy, speeders…). Default false. */
  withoutFlaggedRaters?: boolean;
  providers?: ProviderId[];
  modes?: Mode[];
  promptVersions?: string[];
  /** Both ratings of the pair lie in [minRating, maxRating]. */
  minRating?: number;
  maxRating?: number;
  /** Pairwise only: skipped pairs as rows with has_label false, in the `unlabeled` split. Default false. */
  includeSkipped?: boolean;
}

export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

export interface ExportRequest {
  format: ExportFormat;
  /** The folder to create; it must not exist or be empty. */
  out: string;
  filters?: ExportFilters;
  /** Seeds the split by source render and which option becomes image 0. */
  seed?: number;
  splits?: SplitFractions;
  /** Pairwise: ties (and both-bad answers) in a `ties` split, or dropped. Never in train. */
  ties?: 'split' | 'drop';
  /** Written into the dataset card's licence field. */
  licence?: string;
}

export interface ExportProgress {
  phase: 'rows' | 'manifest';
  done: number;
  /** Pairs (rows phase) or files (manifest phase) to go through; known before the phase starts. */
  total: number;
}

/** One reason rows were left out, with how many. */
export interface Exclusion {
  reason: ExclusionReason;
  pairs: number;
}

export type ExclusionReason =
  | 'retracted_or_replaced'
  | 'gold_pair'
  | 'repeat_pair'
  | 'excluded_rater'
  | 'flagged_rater'
  | 'rater_filter'
  | 'date_range'
  | 'provider_filter'
  | 'mode_filter'
  | 'prompt_version_filter'
  | 'rating_range'
  | 'skipped_pair'
  | 'tie_dropped'
  | 'image_missing'
  | 'single_image_ranking';

export interface ExportSummary {
  format: ExportFormat;
  out: string;
  /** Pairs written, per split. */
  pairs: Partial<Record<PairSplit, number>>;
  /** Rows written per split (pairs, rated options or rankings, by format). */
  rows: Partial<Record<PairSplit, number>>;
  excluded: Exclusion[];
  raters: number;
  firstAnswer: string | null;
  lastAnswer: string | null;
  files: number;
  bytes: number;
}

/** One option of a rated pair, with everything the formats write about it. */
export interface ExportOption {
  option_id: string;
  label: 'A' | 'B';
  provider: ProviderId;
  parameters: Parameters;
  seed: number;
  prompt_version: string;
  prompt: string | null;
  negative_prompt: string | null;
  rating: number | null;
  comment: string;
  image_sha256: string;
  image_mime: 'image/jpeg' | 'image/png' | 'image/webp';
  image_file: string;
}

/** A pair as the writers receive it: kept by the filters, its split decided. */
export interface ExportPair {
  experiment_id: string;
  /**
   * The pair's content: the copied pair's id for an overlap copy (a second trainer's answer on the
   * same two images), else experiment_id. Rows that share it are one pair judged by several raters.
   */
  pair_id: string;
  overlap_copy: boolean;
  /** An overlap copy that shows the copied pair's B as its A. */
  swapped_from_pair: boolean;
  rating_id: string | null;
  mode: Mode;
  source_sha256: string;
  rater_id: string;
  user_id: number;
  outcome: Outcome | null;
  answered_at: string;
  shown_at: string | null;
  details_shown: boolean | null;
  split: PairSplit;
  /** The split of the pair's source render; differs from `split` only for ties and unlabeled pairs. */
  render_split: Split;
  options: [ExportOption, ExportOption];
}
