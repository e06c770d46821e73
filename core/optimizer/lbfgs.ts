import { dot } from './linalg';

/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, Alg. 7.4 two-loop recursion) with
 * a backtracking Armijo line search. Small and robust rather than clever: the objectives here have
 * at most eight parameters and are evaluated a few dozen times per fit. A step that produces a
 * non-finite value is treated as too long.
 */

export type Objective = (x: Float64Array) => { value: number; gradient: Float64Array };

export interface MinimizeOptions {
  maxIterations: number;
  /** Stop when the largest gradient component falls below this. */
  gradientTolerance?: number;
  memory?: number;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  iterations: number;
}

export function minimizeLbfgs(objective: Objective, start: ArrayLike<number>, options: MinimizeOptions): MinimizeResult {
  const memory = options.memory ?? 6;
  const tolerance = options.gradientTolerance ?? 1e-5;
  const n = start.length;
  let x: Float64Array = Float64Array.from(start);
  let current = objective(x);
  if (!Number.isFinite(current.value)) return { x, value: current.value, iterations: 0 };
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const rhos: number[] = [];
  let iterations = 0;
  for (; iterations < options.maxIterations; iterations++) {
    if (maxAbs(current.gradient) < tolerance) break;
    const direction = twoLoop(current.gradient, steps, changes, rhos);
    let slope = dot(direction, current.gradient, n);
    if (!(slope < 0)) {
      // Not a descent direction (a stale curvature pair): restart from steepest descent.
      steps.length = changes.length = rhos.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -current.gradient[i]!;
      slope = dot(direction, current.gradient, n);
    }
    let step = steps.length === 0 ? Math.min(1, 1 / Math.max(maxAbs(current.gradient), 1e-12)) : 1;
    let next: { x: Float64Array; value: number; gradient: Float64Array } | null = null;
    for (let tries = 0; tries < 30; tries++, step *= 0.5) {
      const candidate = new Float64Array(n);
      for (let i = 0; i < n; i++) candidate[i] = x[i]! + step * direction[i]!;
      const evaluated = objective(candidate);
      if (Number.isFinite(evaluated.value) && evaluated.value <= current.value + 1e-4 * step * slope) {
        next = { x: candidate, ...evaluated };
        break;
      }
    }
    if (!next) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = next.x[i]! - x[i]!;
      y[i] = next.gradient[i]! - current.gradient[i]!;
    }
    const curvature = dot(s, y, n);
    if (curvature > 1e-10) {
      steps.push(s);
      changes.push(y);
      rhos.push(1 / curvature);
      if (steps.length > memory) {
        steps.shift();
        changes.shift();
        rhos.shift();
      }
    }
    const improvement = current.value - next.value;
    x = next.x;
    current = { value: next.value, gradient: next.gradient };
    if (improvement < 1e-9 * Math.max(1, Math.abs(current.value))) {
      iterations++;
      break;
    }
  }
  return { x, value: current.value, iterations };
}

function twoLoop(gradient: Float64Array, steps: Float64Array[], changes: Float64Array[], rhos: number[]): Float64Array {
  const n = gradient.length;
  const q = Float64Array.from(gradient);
  const alphas: number[] = [];
  for (let k = steps.length - 1; k >= 0; k--) {
    const alpha = rhos[k]! * dot(steps[k]!, q, n);
    alphas[k] = alpha;
    for (let i = 0; i < q.length; i++) q[i] = q[i]! - (alpha * changes[k]![i]!);
  }
  if (steps.length > 0) {
    const last = steps.length - 1;
    const gamma = dot(steps[last]!, changes[last]!, n) / dot(changes[last]!, changes[last]!, n);
    for (let i = 0; i < q.length; i++) q[i] = q[i]! * gamma;
  }
  for (let k = 0; k < steps.length; k++) {
    const beta = rhos[k]! * dot(changes[k]!, q, n);
    for (let i = 0; i < q.length; i++) q[i] = q[i]! + steps[k]![i]! * (alphas[k]! - beta);
  }
  for (let i = 0; i < q.length; i++) q[i] = -q[i]!;
  return q;
}

function maxAbs(a: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]!));
  return largest;
}
