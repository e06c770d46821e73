import { ApiError, type ErrorCode } from '../api';

export type ExportFailure =
  | 'invalid_request'
  | 'output_not_empty'
  | 'output_unwritable'
  | 'no_space'
  | 'image_unreadable'
  | 'cancelled'
  | 'nothing_to_export'
  /** The server export: sync is not set up, the server cannot be reached or refused the login. */
  | 'server_unavailable'
  /** The server export reads the whole team's data, which only an admin's login may. */
  | 'not_admin'
  /** The server export: a pair's image is recorded on the server but its bytes are not in S3. */
  | 'image_unavailable';

const API_CODES: Record<ExportFailure, ErrorCode> = {
  invalid_request: 'invalid_input',
  output_not_empty: 'conflict',
  output_unwritable: 'invalid_input',
  no_space: 'internal',
  image_unreadable: 'invalid_image',
  cancelled: 'conflict',
  nothing_to_export: 'not_found',
  server_unavailable: 'internal',
  not_admin: 'forbidden',
  image_unavailable: 'not_found',
};

/** Why an export stopped; in every case the half-written folder has been removed and nothing else was touched. */
export class ExportError extends ApiError {
  readonly failure: ExportFailure;

  constructor(failure: ExportFailure, message: string) {
    super(API_CODES[failure], message);
    this.name = 'ExportError';
    this.failure = failure;
  }
}

/** Words a file-system error from writing the dataset as what happened and what to do. */
export function writeFailure(error: unknown, out: string): ExportError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ExportError('no_space', `The disk ran out of space while writing the dataset for ${out}. Free some space or choose a folder on another disk, then export again; the partial dataset was removed.`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ExportError('output_unwritable', `The dataset cannot be written next to ${out} (${code}). Choose a folder you can write to.`);
  }
  return new ExportError('output_unwritable', `Writing the dataset for ${out} failed: ${(error as Error).message}. The partial dataset was removed; export again.`);
}
