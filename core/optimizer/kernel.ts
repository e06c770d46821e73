/**
 * The covariance of the latent quality: Matern 5/2 with one lengthscale per continuous setting
 * (ARD), times a provider factor. `coregionalised` (the default) gives different providers a
 * learned correlation ρ — an intrinsic coregionalisation model with an exchangeable 1-parameter
 * coregionalisation matrix B = ρ·11ᵀ + (1−ρ)·I — so what one provider teaches about guidance or
 * strength carries over to the others as much as the data say. `axis` is the naive encoding the
 * seed describes (provider as an extra 0/1 coordinate with its own lengthscale); the benchmark keeps
 * it to show the difference.
 */

export type ProviderEncoding = 'coregionalised' | 'axis';

/** A point of the space as the kernel sees it: coordinates in [0,1], provider as an index. */
export interface EncodedPoint {
  coords: Float64Array;
  provider: number;
}

export interface KernelHyperparameters {
  /** One per encoded coordinate, in unit-cube units. */
  lengthscales: readonly number[];
  /** Prior variance σf² of the latent quality (normalised units). */
  amplitude: number;
  /** Correlation between different providers; 1 under the `axis` encoding. */
  providerCorrelation: number;
}

export const SQRT5 = Math.sqrt(5);

/** Unit-variance Matern 5/2 of a scaled distance r. */
export function matern52(r: number): number {
  return (1 + SQRT5 * r + (5 / 3) * r * r) * Math.exp(-SQRT5 * r);
}

export type Kernel = (a: EncodedPoint, b: EncodedPoint) => number;

export function makeKernel(h: KernelHyperparameters): Kernel {
  const inverse = h.lengthscales.map((l) => 1 / l);
  const dimensions = inverse.length;
  return (a, b) => {
    let r2 = 0;
    for (let d = 0; d < dimensions; d++) {
      const scaled = (a.coords[d]! - b.coords[d]!) * inverse[d]!;
      r2 += scaled * scaled;
    }
    const providerFactor = a.provider === b.provider ? 1 : h.providerCorrelation;
    return h.amplitude * providerFactor * matern52(Math.sqrt(r2));
  };
}
