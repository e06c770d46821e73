import { toHostError } from '../transport/hostError';

/** The text of an error as the trainer sees it: the host's message, verbatim. */
export function errorText(error: unknown): string {
  return toHostError(error).message;
}
