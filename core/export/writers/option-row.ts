import { preferenceOf } from '../pairs';
import type { ExportOption, ExportPair } from '../types';
import type { ColumnDoc } from './writer';

/** One rated option as a flat record: what the CSV, JSONL and ImageFolder formats write. */
export function optionRecord(pair: ExportPair, option: ExportOption): Record<string, string | number | boolean | null> {
  const preference = preferenceOf(pair.outcome);
  const other = pair.options.find((o) => o !== option)!;
  const p = option.parameters as Record<string, unknown>;
  return {
    split: pair.split,
    experiment_id: pair.experiment_id,
    pair_id: pair.pair_id,
    overlap_copy: pair.overlap_copy,
    rating_id: pair.rating_id,
    option: option.label,
    mode: pair.mode,
    rating: option.rating,
    comment: option.comment,
    outcome: pair.outcome,
    preferred: preference === null || preference === 'none' ? null : preference === option.label,
    other_rating: other.rating,
    rater: pair.rater_id,
    user_id: pair.user_id,
    provider: option.provider,
    init_strength: (p.init_strength ?? p.strength ?? null) as number | null,
    guidance_scale: (p.guidance_scale ?? null) as number | null,
    controlnet_weight: (p.controlnet_weight ?? p.controlnet_conditioning_scale ?? null) as number | null,
    parameters: JSON.stringify(option.parameters),
    seed: option.seed,
    prompt_version: option.prompt_version,
    prompt: option.prompt,
    negative_prompt: option.negative_prompt,
    image_sha256: option.image_sha256,
    source_render_id: pair.source_sha256,
    answered_at: pair.answered_at,
    details_shown: pair.details_shown,
  };
}

export const OPTION_COLUMNS: readonly ColumnDoc[] = [
  { name: 'split', type: 'string', description: 'train, validation or test (by source render)' },
  { name: 'experiment_id', type: 'string', description: 'the pair on the workstation' },
  { name: 'pair_id', type: 'string', description: "the pair's content: rows sharing it rate the same images (a second trainer's overlap copy); else experiment_id" },
  { name: 'overlap_copy', type: 'bool', description: "a second trainer's answer on a copy of the pair pair_id names" },
  { name: 'rating_id', type: 'string', description: 'the rating on the workstation' },
  { name: 'option', type: 'string', description: 'A or B, as the trainer saw it' },
  { name: 'mode', type: 'string', description: 'structure or surfaces' },
  { name: 'rating', type: 'int', description: '1-5 rating of this image' },
  { name: 'comment', type: 'string', description: "the trainer's comment on this image" },
  { name: 'outcome', type: 'string', description: "the pair's answer: A, B, tie or both_bad" },
  { name: 'preferred', type: 'bool', description: 'this image won the pair; null for a tie or both bad' },
  { name: 'other_rating', type: 'int', description: 'rating of the other image of the pair' },
  { name: 'rater', type: 'string', description: 'the rater as recorded on the workstation' },
  { name: 'user_id', type: 'int', description: 'stable integer per rater' },
  { name: 'provider', type: 'string', description: 'generation provider' },
  { name: 'init_strength', type: 'float', description: "init strength (Stable Diffusion's strength)" },
  { name: 'guidance_scale', type: 'float', description: 'guidance scale' },
  { name: 'controlnet_weight', type: 'float', description: "ControlNet weight (Stable Diffusion's conditioning scale)" },
  { name: 'parameters', type: 'json', description: 'all generation parameters as the provider received them' },
  { name: 'seed', type: 'int', description: 'generation seed' },
  { name: 'prompt_version', type: 'string', description: 'prompt version' },
  { name: 'prompt', type: 'string', description: 'prompt text; null when the version file is not on this workstation' },
  { name: 'negative_prompt', type: 'string', description: 'negative prompt text' },
  { name: 'image_sha256', type: 'string', description: 'sha256 of the image as stored' },
  { name: 'source_render_id', type: 'string', description: 'sha256 of the source render' },
  { name: 'answered_at', type: 'string', description: 'when the rating was given (ISO 8601, UTC)' },
  { name: 'details_shown', type: 'bool', description: 'provider and parameters were on screen; null if not recorded' },
];
