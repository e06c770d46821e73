import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from '../../../core/optimizer/lbfgs';

describe('L-BFGS', () => {
  it('finds the minimum of the Rosenbrock function at (1, 1) from the classic start (−1.2, 1)', () => {
    const rosenbrock = (x: Float64Array) => {
      const [a, b] = [x[0]!, x[1]!];
      return {
        value: (1 - a) ** 2 + 100 * (b - a * a) ** 2,
        gradient: Float64Array.from([-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)]),
      };
    };
    const result = minimizeLbfgs(rosenbrock, [-1.2, 1], { maxIterations: 200, gradientTolerance: 1e-8 });
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
  });

  it('backs off from steps where the objective is not finite', () => {
    // log barrier: defined only for x < 1, minimum of x²/2 − log(1 − x) at x = (1 − √5)/2.
    const barrier = (x: Float64Array) => {
      const v = x[0]!;
      return { value: v < 1 ? 0.5 * v * v - Math.log(1 - v) : Number.NaN, gradient: Float64Array.from([v + 1 / (1 - v)]) };
    };
    const result = minimizeLbfgs(barrier, [0.9], { maxIterations: 100, gradientTolerance: 1e-10 });
    expect(result.x[0]).toBeCloseTo((1 - Math.sqrt(5)) / 2, 6);
  });
});
