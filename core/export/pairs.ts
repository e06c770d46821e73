import type { ExportOptionRow, ExportPairRow } from '../store';
import type { ProviderId } from '../api';
import { splitOfSource, stableInteger } from './seeded';
import type { StagedImages } from './source';
import type { ExportOption, ExportPair, PairSplit, SplitFractions } from './types';

/** The prompt a provider received for a version; null when this workstation has no such version file. */
export type PromptLookup = (version: string, provider: ProviderId) => { prompt: string; negative_prompt: string } | null;

export interface PairContext {
  prompts: PromptLookup;
  seed: number;
  splits: SplitFractions;
}

/** Which option the trainer preferred: 'A', 'B', 'none' for a tie or both bad, null when unrated. */
export function preferenceOf(outcome: ExportPairRow['outcome']): 'A' | 'B' | 'none' | null {
  if (outcome === 'A' || outcome === 'B') return outcome;
  return outcome === null ? null : 'none';
}

function optionOf(row: ExportOptionRow, label: 'A' | 'B', file: string | null, ctx: PairContext): ExportOption | null {
  if (row.output_sha256 === null || row.output_mime === null || file === null) return null;
  const prompt = ctx.prompts(row.prompt_version, row.provider);
  return {
    option_id: row.option_id,
    label,
    provider: row.provider,
    parameters: row.parameters,
    seed: row.seed,
    prompt_version: row.prompt_version,
    prompt: prompt?.prompt ?? null,
    negative_prompt: prompt?.negative_prompt ?? null,
    rating: row.rating,
    comment: row.comment,
    image_sha256: row.output_sha256,
    image_mime: row.output_mime,
    image_file: file,
  };
}

/**
 * The pair as the writers see it, or why it is left out (an image the source has no file for). Ties go to a `ties` split, are dropped, or
 * (`keep`, for the formats that carry a rating per image) stay in their render's split.
 */
export function exportPairOf(row: ExportPairRow, images: StagedImages, ctx: PairContext, ties: 'split' | 'drop' | 'keep'): ExportPair | 'image_missing' | 'tie_dropped' {
  const a = optionOf(row.a, 'A', images.a, ctx);
  const b = optionOf(row.b, 'B', images.b, ctx);
  if (a === null || b === null) return 'image_missing';
  const preference = preferenceOf(row.outcome);
  if (preference === 'none' && ties === 'drop') return 'tie_dropped';
  const renderSplit = splitOfSource(ctx.seed, row.source_sha256, ctx.splits);
  const split: PairSplit = preference === null ? 'unlabeled' : preference === 'none' && ties === 'split' ? 'ties' : renderSplit;
  return {
    experiment_id: row.experiment_id,
    pair_id: row.overlap_of ?? row.experiment_id,
    overlap_copy: row.overlap_of !== null,
    swapped_from_pair: row.overlap_swapped,
    rating_id: row.rating_id,
    mode: row.mode,
    source_sha256: row.source_sha256,
    rater_id: row.rated_by,
    user_id: stableInteger(row.rated_by),
    outcome: row.outcome,
    answered_at: row.answered_at,
    shown_at: row.shown_at,
    details_shown: row.details_shown,
    split,
    render_split: renderSplit,
    options: [a, b],
  };
}
