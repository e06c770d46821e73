/**
 * mulberry32: a 32-bit seeded generator, tiny and fast enough to draw one value per pixel. Not
 * cryptographic, not needed: it only has to make the same seed give the same grain, and different
 * seeds different grain. Returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random stream per purpose; see `substream`. */
export const STREAMS = { jitter: 0, structure: 1, texture: 2, smear: 3, grain: 4 } as const;

/**
 * Derives an independent stream for one purpose (grain, texture, jitter…) from the request seed,
 * so adding a draw to one stage never shifts the random numbers of another.
 */
export function substream(seed: number, purpose: number): () => number {
  return mulberry32(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(purpose + 1, 0xc2b2ae35));
}
