import { isApiErrorShape } from '../../core/api';

/** An error from the host as the trainer should see it: `message` is shown verbatim. */
export class HostError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'HostError';
    this.code = code;
  }
}

export const OFFLINE_MESSAGE = "The app's host is not answering. Is it still running?";

/** Whatever a transport rejected with, as a HostError (keeps the host's code and message). */
export function toHostError(error: unknown): HostError {
  if (error instanceof HostError) return error;
  if (isApiErrorShape(error)) return new HostError(error.code, error.message);
  const message = error instanceof Error ? error.message : String(error);
  return new HostError('internal', message);
}
