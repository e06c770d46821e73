import { decodePoint } from './dataset';
import { sobolPoint } from './sobol';
import type { CanonicalPoint, OptimizerSpace } from './space';

/**
 * The initial design (the seed's "5 random" made space-filling): the caller's anchor points first
 * (e.g. the seed's current values, so the known baseline is measured), then a 4-dimensional
 * Owen-scrambled Sobol sequence — three settings plus a fourth coordinate that picks the provider,
 * which splits the first points evenly between providers and keeps every provider's settings
 * spread out. The index continues past the design size if asked, so extra early requests stay
 * space-filling.
 */
export function designPoint(space: OptimizerSpace, seed: number, index: number, anchors: readonly CanonicalPoint[]): CanonicalPoint {
  if (index < anchors.length) return anchors[index]!;
  const [u0, u1, u2, u3] = sobolPoint(index - anchors.length, 4, seed);
  const provider = Math.min(Math.floor(u3! * space.providers.length), space.providers.length - 1);
  return decodePoint(space, provider, [u0!, u1!, u2!]);
}
