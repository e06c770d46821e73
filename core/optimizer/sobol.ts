/**
 * Scrambled Sobol points. Direction numbers: Joe & Kuo, "new-joe-kuo-6.21201" (the table scipy also
 * uses), first four dimensions, which is all this space needs (three continuous settings plus the
 * provider). Points come in Gray-code order (Antonov–Saleev), so index i is computed directly.
 * Scrambling: hash-based nested uniform (Owen) scrambling after Burley, "Practical Hash-based Owen
 * Scrambling" (JCGT 2020): unlike a random shift it keeps every 2^k-point prefix stratified while
 * making each seed's set look independent.
 */

const SOBOL_MAX_DIMENSIONS = 4;
const BITS = 32;

// Joe–Kuo rows for dimensions 2..4: degree s, coefficients a, initial m_1..m_s.
const JOE_KUO: readonly { s: number; a: number; m: readonly number[] }[] = [
  { s: 1, a: 0, m: [1] },
  { s: 2, a: 1, m: [1, 3] },
  { s: 3, a: 1, m: [1, 3, 1] },
];

function directionNumbers(dimension: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dimension === 0) {
    for (let k = 0; k < BITS; k++) v[k] = (1 << (BITS - 1 - k)) >>> 0;
    return v;
  }
  const { s, a, m } = JOE_KUO[dimension - 1]!;
  for (let k = 0; k < s; k++) v[k] = (m[k]! << (BITS - 1 - k)) >>> 0;
  for (let k = s; k < BITS; k++) {
    let value = v[k - s]! ^ (v[k - s]! >>> s);
    for (let l = 1; l < s; l++) if ((a >>> (s - 1 - l)) & 1) value ^= v[k - l]!;
    v[k] = value >>> 0;
  }
  return v;
}

const DIRECTIONS = Array.from({ length: SOBOL_MAX_DIMENSIONS }, (_, d) => directionNumbers(d));

/** The unscrambled Sobol integer (32 fractional bits) of point `index` in `dimension`. */
function sobolInteger(index: number, dimension: number): number {
  const directions = DIRECTIONS[dimension];
  if (!directions) throw new Error(`sobol: dimension ${dimension} is beyond the ${SOBOL_MAX_DIMENSIONS} supported`);
  let gray = (index ^ (index >>> 1)) >>> 0;
  let value = 0;
  for (let bit = 0; gray !== 0; bit++, gray >>>= 1) if (gray & 1) value ^= directions[bit]!;
  return value >>> 0;
}

function reverseBits(x: number): number {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
  return ((x >>> 16) | (x << 16)) >>> 0;
}

// Laine–Karras permutation on bit-reversed values: each step only lets more significant bits of
// the point flip less significant ones, which is exactly a nested uniform scramble.
function nestedUniformScramble(x: number, seed: number): number {
  let y = reverseBits(x);
  y = (y + seed) >>> 0;
  y = (y ^ Math.imul(y, 0x6c50b47c)) >>> 0;
  y = (y ^ Math.imul(y, 0xb82f1e52)) >>> 0;
  y = (y ^ Math.imul(y, 0xc7afe638)) >>> 0;
  y = (y ^ Math.imul(y, 0x8d22f6e6)) >>> 0;
  return reverseBits(y);
}

/** Per-dimension scramble seeds drawn from one 32-bit seed. */
function dimensionSeed(seed: number, dimension: number): number {
  let h = (seed ^ Math.imul(dimension + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Point `index` of a `dimensions`-dimensional Owen-scrambled Sobol sequence in [0,1)^d. `seed`
 * null gives the plain sequence (its first point is the origin).
 */
export function sobolPoint(index: number, dimensions: number, seed: number | null): number[] {
  const point: number[] = [];
  for (let d = 0; d < dimensions; d++) {
    const plain = sobolInteger(index, d);
    const value = seed === null ? plain : nestedUniformScramble(plain, dimensionSeed(seed, d));
    point.push(value / 2 ** BITS);
  }
  return point;
}
