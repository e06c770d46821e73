import type { Basis } from './basis';
import { inverseMillsRatio, logNormalCdf } from './normal';
import { addDifference, copyEquations, differenceFeatures, solvePosterior, type DifferenceRow, type NormalEquations, type Posterior } from './posterior';

/**
 * Pairwise preferences as an ordinal probit on the latent difference d = f(a) − f(b)
 * (Chu & Ghahramani, "Preference learning with Gaussian processes", ICML 2005, extended with a tie
 * band as in ordinal regression):
 *   P(a wins) = Φ((d − δ)/s),   P(tie) = Φ((δ − d)/s) − Φ((−δ − d)/s)
 * Both are log-concave in d, so the joint posterior with the Gaussian ratings has one mode, found
 * by Newton's method; the Laplace approximation is the Gaussian at that mode. Each preference then
 * becomes a Gaussian pseudo-observation of d (target z, weight w = −ℓ''), which is what lets the
 * acquisition reuse the preferences without redoing Newton for every fantasy.
 */

export interface PreferenceRow {
  /** The option that won (or the first of a tie). */
  a: number;
  b: number;
  tie: boolean;
  /** The rater's reliability: the comparison's log-likelihood is multiplied by it (default 1). */
  weight?: number;
}

export interface ProbitScale {
  /** s: the noise of a comparison, in latent units. */
  noise: number;
  /** δ: the half-width of the band trainers call a tie, in latent units. */
  tieMargin: number;
}

export interface PreferenceTerm {
  logLikelihood: number;
  first: number;
  /** d²ℓ/dd², never positive. */
  second: number;
}

export function preferenceTerm(d: number, tie: boolean, { noise: s, tieMargin: delta }: ProbitScale): PreferenceTerm {
  if (!tie) {
    const z = (d - delta) / s;
    const lambda = inverseMillsRatio(z);
    return { logLikelihood: logNormalCdf(z), first: lambda / s, second: (-lambda * (z + lambda)) / (s * s) };
  }
  // The tie likelihood is even in d: evaluate at |d| (where Φ(z1) ≥ Φ(z0) is computed from the
  // larger term, without cancellation) and flip the odd derivative back.
  const sign = d < 0 ? -1 : 1;
  const x = Math.abs(d);
  const z1 = (delta - x) / s;
  const z0 = (-delta - x) / s;
  const logUpper = logNormalCdf(z1);
  const logProbability = logUpper + Math.log1p(-Math.exp(logNormalCdf(z0) - logUpper));
  const logDensity = (z: number) => -0.5 * z * z - 0.5 * Math.log(2 * Math.PI);
  const r1 = Math.exp(logDensity(z1) - logProbability);
  const r0 = Math.exp(logDensity(z0) - logProbability);
  return {
    logLikelihood: logProbability,
    first: (sign * -(r1 - r0)) / s,
    second: -(z1 * r1 - z0 * r0 + (r1 - r0) * (r1 - r0)) / (s * s),
  };
}

export interface LaplaceResult {
  posterior: Posterior;
  /** The preferences as Gaussian pseudo-observations at the mode. */
  differences: DifferenceRow[];
  iterations: number;
}

/**
 * Newton's method on Ψ(u) = rhsᵀu − ½uᵀAu + Σ ℓ_k(g_kᵀu), where A, rhs are the prior-plus-ratings
 * normal equations. Steps are halved until Ψ increases, so it cannot diverge.
 */
export function laplaceMode(
  basis: Basis,
  ratings: NormalEquations,
  preferences: readonly PreferenceRow[],
  scale: ProbitScale,
  maxIterations = 30,
): LaplaceResult {
  const m = basis.rank;
  const { size } = ratings;
  const directions = preferences.map((p) => differenceFeatures(basis, p.a, p.b));
  const symmetricA = Float64Array.from(ratings.precision);
  for (let i = 0; i < size; i++) for (let j = 0; j < i; j++) symmetricA[j * size + i] = symmetricA[i * size + j]!;
  const objective = (u: Float64Array) => {
    let value = 0;
    for (let i = 0; i < size; i++) {
      let au = 0;
      for (let j = 0; j < size; j++) au += symmetricA[i * size + j]! * u[j]!;
      value += ratings.rhs[i]! * u[i]! - 0.5 * u[i]! * au;
    }
    preferences.forEach((p, k) => (value += (p.weight ?? 1) * preferenceTerm(project(directions[k]!, u, m), p.tie, scale).logLikelihood));
    return value;
  };

  let u = solvePosterior(basis, ratings).mean;
  let current = objective(u);
  let linearised = linearise(basis, ratings, preferences, directions, u, scale);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const step = new Float64Array(size);
    for (let i = 0; i < size; i++) step[i] = linearised.posterior.mean[i]! - u[i]!;
    let length = 1;
    let next = u;
    let value = current;
    for (let halvings = 0; halvings < 20; halvings++, length *= 0.5) {
      const candidate = Float64Array.from(u, (x, i) => x + length * step[i]!);
      const candidateValue = objective(candidate);
      if (candidateValue >= current - 1e-12 * Math.abs(current)) {
        next = candidate;
        value = candidateValue;
        break;
      }
    }
    let largest = 0;
    for (let i = 0; i < size; i++) largest = Math.max(largest, Math.abs(next[i]! - u[i]!));
    u = next;
    current = value;
    // Converged: the last linearisation was taken within 1e-8 of the mode, and its Gaussian is the
    // Laplace approximation there (its mean is the full Newton step, which has just been taken).
    if (largest < 1e-8 || (length === 1 && largest < 1e-6)) break;
    linearised = linearise(basis, ratings, preferences, directions, u, scale);
  }
  return { ...linearised, iterations };
}

function project(g: Float64Array, u: Float64Array, m: number): number {
  let d = 0;
  for (let j = 0; j < m; j++) d += g[j]! * u[j]!;
  return d;
}

/** The Newton step at u, written as pseudo-observations z = d + ℓ'/w with weight w = −ℓ''. */
function linearise(
  basis: Basis,
  ratings: NormalEquations,
  preferences: readonly PreferenceRow[],
  directions: readonly Float64Array[],
  u: Float64Array,
  scale: ProbitScale,
): { posterior: Posterior; differences: DifferenceRow[] } {
  const equations = copyEquations(ratings);
  const differences: DifferenceRow[] = [];
  preferences.forEach((p, k) => {
    const g = directions[k]!;
    const d = project(g, u, basis.rank);
    const reliability = p.weight ?? 1;
    const term = preferenceTerm(d, p.tie, scale);
    const weight = -reliability * term.second;
    // A comparison decided far beyond doubt has w ≈ 0 and carries no curvature: drop it.
    if (!(weight > 1e-12)) return;
    const target = d + (reliability * term.first) / weight;
    addDifference(equations, g, weight, target);
    differences.push({ a: p.a, b: p.b, target, weight });
  });
  return { posterior: solvePosterior(basis, equations), differences };
}
