import {
  LeonardoStyleParametersSchema,
  StableDiffusionParametersSchema,
  type Mode,
  type Outcome,
  type Parameters,
  type ProviderId,
} from '../api';
import type { ExportOptionRow, ExportPairRow, ImageRecord, RaterAnswerRow } from '../store';

type Row = Record<string, unknown>;

const iso = (value: unknown): string | null => (value === null || value === undefined ? null : (value as Date).toISOString());

/**
 * jsonb keeps its keys in its own order; the export writes parameters in the order the contract
 * names them, as the workstation stored them, so both sources give the same JSON text.
 */
export function inContractOrder(parameters: Record<string, unknown>): Parameters {
  const shape = parameters.api === 'stablediffusion' ? StableDiffusionParametersSchema.shape : LeonardoStyleParametersSchema.shape;
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) if (key in parameters) ordered[key] = parameters[key];
  for (const [key, value] of Object.entries(parameters)) if (!(key in ordered)) ordered[key] = value;
  return ordered as Parameters;
}

function optionOf(row: Row, o: 'oa' | 'ob', rating: unknown, comment: unknown): ExportOptionRow {
  return {
    option_id: row[`${o}_id`] as string,
    provider: row[`${o}_provider`] as ProviderId,
    parameters: inContractOrder(row[`${o}_parameters`] as Record<string, unknown>),
    seed: row[`${o}_seed`] as number,
    prompt_version: row[`${o}_version`] as string,
    rating: (rating as number | null) ?? null,
    comment: (comment as string | null) ?? '',
    output_sha256: (row[`${o}_sha`] as string | null) ?? null,
    output_mime: (row[`${o}_mime`] as ImageRecord['mime'] | null) ?? null,
  };
}

/** A row of SERVER_PAIRS as the export reads it. */
export function serverPairOf(row: Row): ExportPairRow {
  return {
    experiment_id: row.experiment_id as string,
    rating_id: (row.rating_id as string | null) ?? null,
    mode: row.mode as Mode,
    source_sha256: row.source_sha256 as string,
    rated_by: row.rated_by as string,
    outcome: (row.outcome as Outcome | null) ?? null,
    answered_at: iso(row.answered_at)!,
    shown_at: iso(row.shown_at),
    details_shown: (row.details_shown as boolean | null) ?? null,
    quality_kind: (row.quality_kind as 'gold' | 'repeat' | null) ?? null,
    rater_excluded: row.rater_excluded === true,
    a: optionOf(row, 'oa', row.rating_a, row.comment_a),
    b: optionOf(row, 'ob', row.rating_b, row.comment_b),
  };
}

export const serverRaterAnswerOf = (row: Row): RaterAnswerRow => row as unknown as RaterAnswerRow;
