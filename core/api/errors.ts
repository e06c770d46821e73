// Errors cross every boundary (IPC, HTTP) as `{ code, message }`; the message is written for the
// person in front of the app and says what to do.
export const ERROR_CODES = [
  'invalid_input',
  'invalid_image',
  'image_too_large',
  'not_found',
  'conflict',
  'generation_failed',
  'database_too_new',
  'unauthorized',
  /** A trainer asked for an admin-only call: the message says how to sign in as an admin. */
  'forbidden',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
}

export class ApiError extends Error implements ApiErrorShape {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }

  toJSON(): ApiErrorShape {
    return { code: this.code, message: this.message };
  }
}

export function isApiErrorShape(value: unknown): value is ApiErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}

/** Turns anything thrown into the shape that crosses the boundary. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isApiErrorShape(error) && (ERROR_CODES as readonly string[]).includes(error.code)) {
    return new ApiError(error.code, error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('internal', `Unexpected error: ${message}. Your saved ratings are safe; try again, and report this if it repeats.`);
}
