import { mulberry32 } from '../../optimizer';

/** One random stream per purpose; see `substream`. */
export const STREAMS = { jitter: 0, structure: 1, texture: 2, smear: 3, grain: 4 } as const;

/**
 * Derives an independent stream for one purpose (grain, texture, jitter…) from the request seed,
 * so adding a draw to one stage never shifts the random numbers of another.
 */
export function substream(seed: number, purpose: number): () => number {
  return mulberry32(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(purpose + 1, 0xc2b2ae35));
}
