/**
 * The little dense linear algebra the Gaussian process needs. Matrices are row-major Float64Arrays
 * of n×n; factors are lower triangular (L with A = L·Lᵀ), their upper triangle left at zero.
 */

/** Cholesky factor of a symmetric matrix, or null when a pivot is not positive (not SPD in floats). */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let diagonal = a[rowJ + j]!;
    for (let k = 0; k < j; k++) diagonal -= l[rowJ + k]! * l[rowJ + k]!;
    if (!(diagonal > 0)) return null;
    const pivot = Math.sqrt(diagonal);
    l[rowJ + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let sum = a[rowI + j]!;
      for (let k = 0; k < j; k++) sum -= l[rowI + k]! * l[rowJ + k]!;
      l[rowI + j] = sum / pivot;
    }
  }
  return l;
}

export interface JitteredFactor {
  factor: Float64Array;
  /** What was added to the diagonal to make the factorisation succeed (0 when none was needed). */
  jitter: number;
}

/**
 * Cholesky that never gives up on a symmetric matrix: duplicate points and tiny noise make kernel
 * matrices singular in floating point, so on failure it adds a jitter to the diagonal, starting at
 * 1e-10 of the mean diagonal and growing tenfold. The last resort (a diagonal larger than any row
 * sum) is diagonally dominant, hence positive definite, so the loop always ends with a factor.
 */
export function choleskyWithJitter(a: Float64Array, n: number): JitteredFactor {
  const plain = cholesky(a, n);
  if (plain) return { factor: plain, jitter: 0 };
  let meanDiagonal = 0;
  let largestRowSum = 0;
  for (let i = 0; i < n; i++) {
    meanDiagonal += Math.abs(a[i * n + i]!) / n;
    let rowSum = 0;
    for (let j = 0; j < n; j++) rowSum += Math.abs(a[i * n + j]!);
    largestRowSum = Math.max(largestRowSum, rowSum);
  }
  if (!Number.isFinite(largestRowSum)) throw new Error('cholesky: the matrix has a non-finite entry');
  const base = meanDiagonal > 0 ? meanDiagonal : 1;
  for (let jitter = 1e-10 * base; jitter <= 0.1 * base; jitter *= 10) {
    const factor = cholesky(withDiagonal(a, n, jitter), n);
    if (factor) return { factor, jitter };
  }
  const jitter = largestRowSum + base;
  return { factor: cholesky(withDiagonal(a, n, jitter), n)!, jitter };
}

function withDiagonal(a: Float64Array, n: number, add: number): Float64Array {
  const copy = Float64Array.from(a);
  for (let i = 0; i < n; i++) copy[i * n + i] = copy[i * n + i]! + add;
  return copy;
}

/** Solves L·x = b in place (L lower triangular, n×n). */
export function solveLowerInPlace(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[row + k]! * b[k]!;
    b[i] = sum / l[row + i]!;
  }
  return b;
}

/** Solves Lᵀ·x = b in place. */
export function solveUpperTransposedInPlace(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * b[k]!;
    b[i] = sum / l[i * n + i]!;
  }
  return b;
}

/** Solves (L·Lᵀ)·x = b, returning a new vector. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  return solveUpperTransposedInPlace(l, n, solveLowerInPlace(l, n, Float64Array.from(b)));
}

/** L⁻¹ of a lower-triangular L (itself lower triangular). */
export function invertLower(l: Float64Array, n: number): Float64Array {
  const inverseL = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    inverseL[j * n + j] = 1 / l[j * n + j]!;
    for (let i = j + 1; i < n; i++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= l[i * n + k]! * inverseL[k * n + j]!;
      inverseL[i * n + j] = sum / l[i * n + i]!;
    }
  }
  return inverseL;
}

/** (L·Lᵀ)⁻¹ as a full symmetric matrix, via L⁻¹ (the marginal-likelihood gradient needs it whole). */
export function choleskyInverse(l: Float64Array, n: number): Float64Array {
  const inverseL = invertLower(l, n);
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < n; k++) sum += inverseL[k * n + i]! * inverseL[k * n + j]!;
      inverse[i * n + j] = sum;
      inverse[j * n + i] = sum;
    }
  }
  return inverse;
}

export function logDeterminantFromCholesky(l: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(l[i * n + i]!);
  return 2 * sum;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += a[i]! * b[i]!;
  return sum;
}
