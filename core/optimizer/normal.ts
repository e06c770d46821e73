/**
 * The standard normal density, distribution and the log-space pieces the probit preference
 * likelihood needs. erfc is the Chebyshev fit of Numerical Recipes (2nd ed., §6.2, "erfcc"): its
 * fractional error stays below 1.2e-7 over the whole real line, including the far tail, which is
 * what the probit needs (a cheaper absolute-error fit loses the tail and the Laplace step with it).
 */

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log erfc(x) for x >= 0, written so it never underflows (the fit is t·exp(poly)). */
function logErfcNonNegative(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
    t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

export function erfc(x: number): number {
  const tail = Math.exp(logErfcNonNegative(Math.abs(x)));
  return x >= 0 ? tail : 2 - tail;
}

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
}

export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** log Φ(z), accurate in the lower tail where Φ itself underflows. */
export function logNormalCdf(z: number): number {
  if (z < 0) return Math.log(0.5) + logErfcNonNegative(-z / Math.SQRT2);
  return Math.log1p(-0.5 * erfc(z / Math.SQRT2));
}

/** φ(z)/Φ(z) (the inverse Mills ratio), computed in log space so it stays finite for z ≪ 0. */
export function inverseMillsRatio(z: number): number {
  return Math.exp(-0.5 * z * z - LOG_SQRT_2PI - logNormalCdf(z));
}
