import type { Mode, ProviderId } from '../api';
import { mixSeed, mulberry32 } from './prng';
import { CONTINUOUS_DIMENSIONS, fromUnit, seedCurrentValues, type CanonicalPoint } from './space';

export interface Proposal {
  point: CanonicalPoint;
  /** Where the point came from, shown to admins and kept with the option. */
  origin: string;
}

export interface ProposalRequest {
  mode: Mode;
  providers: readonly ProviderId[];
  /** How many experiments this workstation has created so far: makes each round's draw reproducible. */
  round: number;
  /** Points already waiting in the prefetch queue (the optimizer counts them as pending). */
  pending: readonly CanonicalPoint[];
}

/**
 * What the prefetch queue asks for the two options of a pair. The Bayesian optimizer (Phase 1)
 * implements this same interface; until it lands, the baseline below answers.
 */
export interface ParameterProposer {
  readonly name: string;
  proposePair(request: ProposalRequest): [Proposal, Proposal];
}

/**
 * Baseline: one option at the seed's current values, the other a seeded uniform draw over the
 * seed's ranges. Which side gets which is a seeded coin flip, so trainers cannot learn a side bias.
 */
export function createBaselineProposer(seed: number): ParameterProposer {
  return {
    name: 'baseline',
    proposePair({ mode, providers, round }) {
      const random = mulberry32(mixSeed(seed, round));
      const pick = () => providers[Math.floor(random() * providers.length)]!;
      const current: Proposal = { point: seedCurrentValues(mode, pick()), origin: 'seed-current' };
      const drawn = { provider: pick() } as CanonicalPoint;
      for (const dimension of CONTINUOUS_DIMENSIONS) drawn[dimension] = fromUnit(dimension, random());
      const draw: Proposal = { point: drawn, origin: 'seeded-random' };
      return random() < 0.5 ? [current, draw] : [draw, current];
    },
  };
}
