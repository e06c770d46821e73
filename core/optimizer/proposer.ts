import type { Mode, ProviderId } from '../api';
import type { CanonicalPoint } from './space';

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
 * What the prefetch queue asks for the two options of a pair; the learning area answers it
 * with the Bayesian optimizer (core/learning/phase1.ts).
 */
export interface ParameterProposer {
  readonly name: string;
  proposePair(request: ProposalRequest): [Proposal, Proposal];
}
