import { maximiseAcquisition, sobolCandidates, type AcquisitionResult, type Candidate } from './acquisition';
import { encodePoint } from './dataset';
import type { EncodedPoint, ProviderEncoding } from './kernel';
import type { OptimizerSpace } from './space';
import type { FittedState } from './state';

// Sobol candidates per provider; halved once the basis is large, where each evaluation costs O(m²).
const CANDIDATES_PER_PROVIDER = 512;
const LARGE_BASIS = 64;
const REFINEMENTS = 4;
const EXTRA_STARTS = 4;

export type Score = (point: EncodedPoint) => number;

/** The global stage's Sobol candidates for a fitted model, to share between several searches. */
export function searchCandidates(space: OptimizerSpace, state: FittedState, seed: number): Candidate[] {
  const perProvider = state.model.basis.rank > LARGE_BASIS ? CANDIDATES_PER_PROVIDER / 2 : CANDIDATES_PER_PROVIDER;
  return sobolCandidates(space.providers.length, perProvider, seed);
}

/**
 * Maximises a score of the fitted model over the mixed space (acquisition.ts), with the best
 * tried points as extra starts so the local search can work around them. Candidates come in the
 * three-setting form; under the `axis` encoding the provider is appended as the 4th coordinate.
 * `candidates` (from `searchCandidates`) replaces the ones `seed` would scramble.
 */
export function maximiseOverSpace(
  space: OptimizerSpace,
  encoding: ProviderEncoding,
  state: FittedState,
  score: Score,
  seed: number,
  candidates?: readonly Candidate[],
): AcquisitionResult {
  const axis = encoding === 'axis' && space.providers.length > 1;
  const toEncoded = (c: Candidate): EncodedPoint => {
    if (!axis) return c;
    const coords = new Float64Array(4);
    coords.set(c.coords);
    coords[3] = c.provider / (space.providers.length - 1);
    return { provider: c.provider, coords };
  };
  const { model } = state;
  const extra = model.dataset.points
    .map((point, index) => ({ point, mean: state.means[index]! }))
    .sort((x, y) => y.mean - x.mean)
    .slice(0, EXTRA_STARTS)
    .map(({ point }) => {
      const encoded = encodePoint(space, encoding, point);
      return { provider: encoded.provider, coords: encoded.coords.slice(0, 3) };
    });
  return maximiseAcquisition({
    providers: space.providers.length,
    evaluate: (c) => score(toEncoded(c)),
    seed,
    candidatesPerProvider: model.basis.rank > LARGE_BASIS ? CANDIDATES_PER_PROVIDER / 2 : CANDIDATES_PER_PROVIDER,
    refinements: REFINEMENTS,
    extra,
    ...(candidates ? { candidates } : {}),
  });
}
