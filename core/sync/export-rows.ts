import {
  LeonardoStyleParametersSchema,
  StableDiffusionParametersSchema,
  type Parameters,
} from '../api';
import { exportPairRowOf, type ExportPairRow, type ExportRowDecoding, type RaterAnswerRow } from '../store';

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

const SERVER_DECODING: ExportRowDecoding = {
  parameters: (value) => inContractOrder(value as Record<string, unknown>),
  time: iso,
  flag: (value) => (value as boolean | null) ?? null,
};

/** A row of SERVER_PAIRS as the export reads it: the local store's mapping, with PostgreSQL's values. */
export const serverPairOf = (row: Row): ExportPairRow => exportPairRowOf(row, SERVER_DECODING);

export const serverRaterAnswerOf = (row: Row): RaterAnswerRow => row as unknown as RaterAnswerRow;
