import type { z } from 'zod';
import { checkAccess, type AccessGuard } from './access';
import { ApiError, calls, isCallName, toApiError, type CallName, type CallOutput, type CallParsedInput } from '../api';

export type Handlers = {
  [N in CallName]: (input: CallParsedInput<N>) => CallOutput<N> | Promise<CallOutput<N>>;
};

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * The one entry point both hosts use: validates the input against the contract (a bad input
 * changes nothing), refuses an admin-only call from a trainer (core/api/access.ts) before any
 * handler runs, runs the handler, checks the output against the contract, and turns every
 * failure into an `ApiError` with a message a person can act on.
 */
export async function dispatch(handlers: Handlers, guard: AccessGuard, name: unknown, rawInput: unknown): Promise<unknown> {
  try {
    if (!isCallName(name)) throw new ApiError('not_found', `Unknown call "${String(name)}".`);
    const schema = calls[name];
    const parsed = schema.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw new ApiError('invalid_input', `Invalid ${name} request: ${describeIssues(parsed.error)}.`);
    checkAccess(guard, name, parsed.data);
    const handler = handlers[name] as (input: unknown) => unknown;
    const output = await handler(parsed.data);
    const checked = schema.output.safeParse(output);
    if (!checked.success) {
      throw new ApiError('internal', `The app produced an invalid ${name} answer (${describeIssues(checked.error)}). Please report this.`);
    }
    return checked.data;
  } catch (error) {
    throw toApiError(error);
  }
}
