import type { ExportOption, ExportPair } from '../types';
import { stableInteger } from '../seeded';
import { preferenceOf } from '../pairs';
import type { ColumnDoc } from './writer';
import type { ImageSource } from './image-column';

/** A pair ready for a row: the pair, its options in image order, and where image 0's and 1's JPEG bytes come from. */
export interface PairwiseRow {
  pair: ExportPair;
  first: ExportOption;
  second: ExportOption;
  jpg0: ImageSource;
  jpg1: ImageSource;
}

type ParquetType = 'STRING' | 'BYTES' | 'DOUBLE' | 'INT32' | 'INT64' | 'BOOLEAN' | 'TIMESTAMP' | 'JSON';

export interface PairwiseColumn extends ColumnDoc {
  parquet: ParquetType;
  nullable: boolean;
  value(row: PairwiseRow): unknown;
}

function labels(row: PairwiseRow): [number, number] {
  const preference = preferenceOf(row.pair.outcome);
  if (preference === null || preference === 'none') return [0.5, 0.5];
  return preference === row.first.label ? [1, 0] : [0, 1];
}

const col = (name: string, parquet: ParquetType, description: string, value: (row: PairwiseRow) => unknown, nullable = false): PairwiseColumn => ({
  name,
  type: parquet === 'BYTES' ? 'binary' : parquet.toLowerCase(),
  parquet,
  nullable,
  description,
  value,
});

const perImage = (
  name: string,
  parquet: ParquetType,
  description: string,
  value: (o: ExportOption) => unknown,
  nullable = false,
): PairwiseColumn[] => [
  col(`${name}_0`, parquet, `${description} (image 0)`, (r) => value(r.first), nullable),
  col(`${name}_1`, parquet, `${description} (image 1)`, (r) => value(r.second), nullable),
];

/** Pick-a-Pic's columns (`yuvalkirstain/pickapic_v2`) first, then the workstation's own. */
export const PAIRWISE_COLUMNS: readonly PairwiseColumn[] = [
  col('caption', 'STRING', "Image 0's prompt (both images share it except in prompt tests; see prompt_0/prompt_1)", (r) => r.first.prompt ?? '', false),
  col('jpg_0', 'BYTES', 'JPEG bytes of image 0', (r) => r.jpg0),
  col('jpg_1', 'BYTES', 'JPEG bytes of image 1', (r) => r.jpg1),
  col('label_0', 'DOUBLE', '1 when image 0 was preferred, 0 when image 1 was, 0.5 for a tie or both bad', (r) => labels(r)[0]),
  col('label_1', 'DOUBLE', '1 - label_0', (r) => labels(r)[1]),
  col('best_image_uid', 'STRING', 'uid of the preferred image; empty for a tie', (r) => {
    const [l0, l1] = labels(r);
    return l0 === l1 ? '' : l0 > l1 ? r.first.image_sha256 : r.second.image_sha256;
  }),
  col('image_0_uid', 'STRING', 'sha256 of image 0 as stored on the workstation', (r) => r.first.image_sha256),
  col('image_1_uid', 'STRING', 'sha256 of image 1 as stored on the workstation', (r) => r.second.image_sha256),
  col('model_0', 'STRING', 'provider that generated image 0', (r) => r.first.provider),
  col('model_1', 'STRING', 'provider that generated image 1', (r) => r.second.provider),
  col('user_id', 'INT64', 'stable integer per rater (from the sha256 of rater_id)', (r) => BigInt(r.pair.user_id)),
  col('rater_id', 'STRING', 'the rater as recorded on the workstation', (r) => r.pair.rater_id),
  col('ranking_id', 'INT64', 'stable integer per rating (from the sha256 of rating_id, or of the pair for a skipped one)', (r) =>
    BigInt(stableInteger(r.pair.rating_id ?? r.pair.experiment_id)),
  ),
  col('created_at', 'TIMESTAMP', 'when the rating was given (UTC)', (r) => new Date(r.pair.answered_at)),
  col('has_label', 'BOOLEAN', 'false for a skipped pair (no preference given)', (r) => r.pair.outcome !== null),
  col('are_different', 'BOOLEAN', 'the two images are different files', (r) => r.first.image_sha256 !== r.second.image_sha256),
  col('num_example_per_prompt', 'INT64', 'always 1: each row is one rating', () => 1n),
  col('experiment_id', 'STRING', 'the pair on the workstation', (r) => r.pair.experiment_id),
  col('pair_id', 'STRING', "the pair's content: rows sharing it are the same two images judged by different raters (overlap); equals experiment_id except for an overlap copy", (r) => r.pair.pair_id),
  col('overlap_copy', 'BOOLEAN', "this row is a second trainer's answer on a copy of the pair pair_id names", (r) => r.pair.overlap_copy),
  col('rating_id', 'STRING', 'the rating on the workstation; null for a skipped pair', (r) => r.pair.rating_id, true),
  col('mode', 'STRING', 'structure or surfaces', (r) => r.pair.mode),
  col('outcome', 'STRING', "the trainer's answer in the trainer's own terms: A, B, tie or both_bad; null when skipped", (r) => r.pair.outcome, true),
  col('render_split', 'STRING', "the split of the pair's source render (ties and unlabeled rows keep it, to avoid leaks)", (r) => r.pair.render_split),
  col('source_render_id', 'STRING', 'sha256 of the source render both images enhance', (r) => r.pair.source_sha256),
  col('details_shown', 'BOOLEAN', 'provider and parameters were on screen when rating; null if not recorded', (r) => r.pair.details_shown, true),
  ...perImage('option', 'STRING', 'which option (A or B) the trainer saw this image as', (o) => o.label),
  ...perImage('rating', 'INT32', '1-5 rating', (o) => o.rating, true),
  ...perImage('comment', 'STRING', "the trainer's comment", (o) => o.comment),
  ...perImage('provider', 'STRING', 'generation provider', (o) => o.provider),
  ...perImage('parameters', 'JSON', 'generation parameters as JSON', (o) => o.parameters),
  ...perImage('seed', 'INT64', 'generation seed', (o) => BigInt(o.seed)),
  ...perImage('prompt_version', 'STRING', 'prompt version', (o) => o.prompt_version),
  ...perImage('prompt', 'STRING', 'prompt text; null when the version file is not on this workstation', (o) => o.prompt, true),
  ...perImage('negative_prompt', 'STRING', 'negative prompt text; null when the version file is not on this workstation', (o) => o.negative_prompt, true),
  ...perImage('stored_mime', 'STRING', 'format the image is stored in (PNG and WebP are re-encoded to JPEG for jpg_*)', (o) => o.image_mime),
];
