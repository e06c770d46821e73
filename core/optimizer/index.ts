export { createBaselineProposer, type ParameterProposer, type Proposal, type ProposalRequest } from './proposer';
export { mulberry32, mixSeed } from './prng';
export {
  CONTINUOUS_DIMENSIONS,
  fromUnit,
  seedCurrentValues,
  toCanonical,
  toProviderParameters,
  type CanonicalPoint,
} from './space';
