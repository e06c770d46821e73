import { describe, expect, it } from 'vitest';
import { inverseMillsRatio, logNormalCdf, normalCdf, normalPdf } from '../../../core/optimizer/normal';

// Reference values: standard normal tables (Φ(1.96) = 0.9750021, Φ(−1) = 0.1586553), and the
// closed forms φ(0) = 1/√(2π), φ(0)/Φ(0) = √(2/π). log Φ(−10) = −53.231285150512 is
// scipy.special.log_ndtr(−10). The erfc fit is good to 1.2e-7 relative (Numerical Recipes).
describe('normal distribution', () => {
  it('matches tabulated values', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.1586553, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 14);
  });

  it('keeps its accuracy in the far lower tail, where Φ underflows', () => {
    expect(logNormalCdf(-10)).toBeCloseTo(-53.231285150512, 5);
    expect(Number.isFinite(logNormalCdf(-40))).toBe(true);
    // Mills ratio asymptote: φ(z)/Φ(z) ≈ −z − 1/z... for z → −∞, so at z = −40 it is ≈ 40.02.
    expect(inverseMillsRatio(-40)).toBeCloseTo(40.025, 2);
  });

  it('gives φ(0)/Φ(0) = √(2/π)', () => {
    expect(inverseMillsRatio(0)).toBeCloseTo(Math.sqrt(2 / Math.PI), 6);
  });
});
