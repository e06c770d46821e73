import { SQRT5 } from './kernel';
import { offsetCovariance } from './raters';
import { choleskyInverse, choleskySolve, choleskyWithJitter, logDeterminantFromCholesky } from './linalg';

/**
 * Log marginal likelihood of the ratings and its analytic gradient (Rasmussen & Williams, GPML
 * eq. 5.8–5.9): y ~ N(0, C), C = σf²·B∘M + τ²·([same rater] − 1/R) + σn²·I, where M is the
 * Matern 5/2 ARD matrix, B the provider correlation and τ² the variance of the raters' zero-sum
 * offsets (a random effect, raters.ts: a harsh and a generous trainer are explained by their
 * offsets, not by the landscape).
 *
 * θ is the vector the hyperparameter search moves: log lengthscales, log σf², log σn², then
 * logit ρ and log τ² when the layout has them.
 */

export interface HyperLayout {
  /** Encoded coordinates (3 continuous settings, 4 with the provider axis). */
  dimensions: number;
  /** Whether ρ is learned (coregionalised kernel with more than one provider). */
  correlation: boolean;
  /** Whether rater offsets are modelled. */
  raterVariance: boolean;
}

export interface Hyperparameters {
  lengthscales: number[];
  amplitude: number;
  noise: number;
  providerCorrelation: number;
  raterVariance: number;
}

export function parameterCount(layout: HyperLayout): number {
  return layout.dimensions + 2 + (layout.correlation ? 1 : 0) + (layout.raterVariance ? 1 : 0);
}

export function decodeHyperparameters(layout: HyperLayout, theta: ArrayLike<number>): Hyperparameters {
  const d = layout.dimensions;
  let next = d + 2;
  const correlation = layout.correlation ? 1 / (1 + Math.exp(-theta[next++]!)) : 1;
  const raterVariance = layout.raterVariance ? Math.exp(theta[next]!) : 0;
  return {
    lengthscales: Array.from({ length: d }, (_, i) => Math.exp(theta[i]!)),
    amplitude: Math.exp(theta[d]!),
    noise: Math.exp(theta[d + 1]!),
    providerCorrelation: correlation,
    raterVariance,
  };
}

/** The ratings one fit sees, with the pairwise quantities that do not depend on θ computed once. */
export interface FitData {
  n: number;
  y: Float64Array;
  /** squaredDifferences[d][i*n+j] = (x_i,d − x_j,d)². */
  squaredDifferences: Float64Array[];
  sameProvider: Uint8Array;
  /** [same rater] − 1/R per pair. */
  raterCovariance: Float64Array;
}

export function prepareFitData(
  coords: readonly Float64Array[],
  providers: readonly number[],
  raters: readonly number[],
  raterCount: number,
  y: readonly number[],
): FitData {
  const n = y.length;
  const dimensions = coords[0]?.length ?? 0;
  const squaredDifferences = Array.from({ length: dimensions }, () => new Float64Array(n * n));
  const sameProvider = new Uint8Array(n * n);
  const raterCovariance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      for (let d = 0; d < dimensions; d++) {
        const delta = coords[i]![d]! - coords[j]![d]!;
        squaredDifferences[d]![i * n + j] = delta * delta;
      }
      sameProvider[i * n + j] = providers[i] === providers[j] ? 1 : 0;
      raterCovariance[i * n + j] = offsetCovariance(raters[i] === raters[j], raterCount);
    }
  }
  return { n, y: Float64Array.from(y), squaredDifferences, sameProvider, raterCovariance };
}

export function logMarginalLikelihood(
  data: FitData,
  layout: HyperLayout,
  theta: ArrayLike<number>,
): { value: number; gradient: Float64Array } {
  const { n, y, squaredDifferences, sameProvider, raterCovariance } = data;
  const h = decodeHyperparameters(layout, theta);
  const dimensions = layout.dimensions;
  const inverseSquared = h.lengthscales.map((l) => 1 / (l * l));
  const covariance = new Float64Array(n * n);
  // Kept per pair for the gradient: the Matern value and its radial factor (5/3)(1+√5r)e^{−√5r}.
  const maternValues = new Float64Array(n * n);
  const radial = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const index = i * n + j;
      let r2 = 0;
      for (let d = 0; d < dimensions; d++) r2 += squaredDifferences[d]![index]! * inverseSquared[d]!;
      const r = Math.sqrt(r2);
      const decay = Math.exp(-SQRT5 * r);
      const matern = (1 + SQRT5 * r + (5 / 3) * r2) * decay;
      maternValues[index] = matern;
      radial[index] = (5 / 3) * (1 + SQRT5 * r) * decay;
      const providerFactor = sameProvider[index] ? 1 : h.providerCorrelation;
      let value = h.amplitude * providerFactor * matern;
      value += h.raterVariance * raterCovariance[index]!;
      if (i === j) value += h.noise;
      covariance[index] = value;
      covariance[j * n + i] = value;
    }
  }
  const { factor } = choleskyWithJitter(covariance, n);
  const alpha = choleskySolve(factor, n, y);
  let fit = 0;
  for (let i = 0; i < n; i++) fit += y[i]! * alpha[i]!;
  const value = -0.5 * fit - 0.5 * logDeterminantFromCholesky(factor, n) - 0.5 * n * Math.log(2 * Math.PI);

  // dL/dθ = ½·Σ_ij (ααᵀ − C⁻¹)_ij · ∂C_ij/∂θ, summed over the lower triangle with off-diagonal
  // pairs counted twice.
  const inverse = choleskyInverse(factor, n);
  const gradient = new Float64Array(parameterCount(layout));
  const correlationIndex = dimensions + 2;
  const raterIndex = correlationIndex + (layout.correlation ? 1 : 0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const index = i * n + j;
      const weight = (i === j ? 0.5 : 1) * (alpha[i]! * alpha[j]! - inverse[index]!);
      const providerFactor = sameProvider[index] ? 1 : h.providerCorrelation;
      const scaled = h.amplitude * providerFactor;
      for (let d = 0; d < dimensions; d++) {
        gradient[d] = gradient[d]! + weight * scaled * radial[index]! * squaredDifferences[d]![index]! * inverseSquared[d]!;
      }
      gradient[dimensions] = gradient[dimensions]! + weight * scaled * maternValues[index]!;
      if (i === j) gradient[dimensions + 1] = gradient[dimensions + 1]! + weight * h.noise;
      if (layout.correlation && !sameProvider[index]) {
        const rho = h.providerCorrelation;
        gradient[correlationIndex] = gradient[correlationIndex]! + weight * h.amplitude * maternValues[index]! * rho * (1 - rho);
      }
      if (layout.raterVariance) gradient[raterIndex] = gradient[raterIndex]! + weight * h.raterVariance * raterCovariance[index]!;
    }
  }
  return { value, gradient };
}
