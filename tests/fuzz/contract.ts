import fc from 'fast-check';
import { calls, CALL_NAMES, toApiError, type CallName } from '../../core/api';
import { shapedBy } from './values';

export interface FuzzReport {
  cases: number;
  /** Cases the contract or the service refused with a typed error a person can act on. */
  refused: number;
  /** Per call: cases answered with a result, and refused. */
  calls?: Record<string, { answered: number; refused: number }>;
}

/** Codes that mean the app failed rather than the input: what the HTTP host answers with a 500. */
const FAULT_CODES = new Set(['internal', 'database_too_new']);

export function contractCase(plausible: readonly string[]): fc.Arbitrary<[CallName, unknown]> {
  const perCall = Object.fromEntries(CALL_NAMES.map((name) => [name, shapedBy(calls[name].input, plausible)])) as Record<CallName, fc.Arbitrary<unknown>>;
  return fc.constantFrom(...CALL_NAMES).chain((name) => perCall[name].map((input) => [name, input] as [CallName, unknown]));
}

/**
 * Calls the service with generated inputs for every call of the registry. A case fails when the
 * answer is a fault (an `internal` error) instead of a result or a refusal of the input.
 */
export async function fuzzContract(
  service: { invoke(name: unknown, input: unknown): Promise<unknown> },
  options: { runs: number; seed: number; plausible: readonly string[]; examples?: [CallName, unknown][] },
): Promise<FuzzReport> {
  let refused = 0;
  const perCall: Record<string, { answered: number; refused: number }> = {};
  const details = await fc.check(
    fc.asyncProperty(contractCase(options.plausible), async ([name, input]) => {
      const tally = (perCall[name] ??= { answered: 0, refused: 0 });
      try {
        await service.invoke(name, input);
        tally.answered += 1;
      } catch (error) {
        tally.refused += 1;
        const apiError = toApiError(error);
        if (FAULT_CODES.has(apiError.code)) throw new Error(`${name} failed with ${apiError.code}: ${apiError.message}`);
        refused += 1;
      }
    }),
    { numRuns: options.runs, seed: options.seed, endOnFailure: true, examples: (options.examples ?? []).map((example) => [example]) },
  );
  if (details.failed) throw new Error(fc.defaultReportMessage(details));
  return { cases: details.numRuns, refused, calls: perCall };
}
