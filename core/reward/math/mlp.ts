/** Layer widths of the seed's head: features → 256 → 128 → 1. */
export const HIDDEN_1 = 256;
export const HIDDEN_2 = 128;

/**
 * One MLP head: ReLU, ReLU, then `sigmoid · 4 + 1` so every output is a rating in [1, 5] (the
 * seed's PhotorealismRewardModel). Weights are stored input-major (`w1[i · 256 + j]` connects
 * input i to unit j) as float32, exactly what the ONNX export writes.
 */
export interface MlpHead {
  inputs: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
  w3: Float32Array;
  b3: Float32Array;
}

/** PyTorch's nn.Linear initialisation: weights and biases uniform in ±1/√fan_in. */
export function initHead(inputs: number, random: () => number): MlpHead {
  const uniform = (n: number, fanIn: number) => {
    const bound = 1 / Math.sqrt(fanIn);
    return Float32Array.from({ length: n }, () => (2 * random() - 1) * bound);
  };
  return {
    inputs,
    w1: uniform(inputs * HIDDEN_1, inputs),
    b1: uniform(HIDDEN_1, inputs),
    w2: uniform(HIDDEN_1 * HIDDEN_2, HIDDEN_1),
    b2: uniform(HIDDEN_2, HIDDEN_1),
    w3: uniform(HIDDEN_2, HIDDEN_2),
    b3: uniform(1, HIDDEN_2),
  };
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Activations of one forward pass, kept for the backward pass. */
export interface Activations {
  h1: Float64Array;
  h2: Float64Array;
  s: number;
  rating: number;
}

export function forward(head: MlpHead, x: ArrayLike<number>, into?: Activations): Activations {
  const h1 = into?.h1 ?? new Float64Array(HIDDEN_1);
  const h2 = into?.h2 ?? new Float64Array(HIDDEN_2);
  const { w1, b1, w2, b2, w3, b3 } = head;
  for (let j = 0; j < HIDDEN_1; j++) h1[j] = b1[j]!;
  for (let i = 0; i < head.inputs; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    const row = i * HIDDEN_1;
    for (let j = 0; j < HIDDEN_1; j++) h1[j]! += xi * w1[row + j]!;
  }
  for (let j = 0; j < HIDDEN_1; j++) if (h1[j]! < 0) h1[j] = 0;
  for (let k = 0; k < HIDDEN_2; k++) h2[k] = b2[k]!;
  for (let j = 0; j < HIDDEN_1; j++) {
    const a = h1[j]!;
    if (a === 0) continue;
    const row = j * HIDDEN_2;
    for (let k = 0; k < HIDDEN_2; k++) h2[k]! += a * w2[row + k]!;
  }
  let z = b3[0]!;
  for (let k = 0; k < HIDDEN_2; k++) {
    if (h2[k]! < 0) h2[k] = 0;
    z += h2[k]! * w3[k]!;
  }
  const s = sigmoid(z);
  const out = into ?? { h1, h2, s, rating: 0 };
  out.s = s;
  out.rating = s * 4 + 1;
  return out;
}

/** The predicted rating of one standardised feature vector. */
export function predictHead(head: MlpHead, x: ArrayLike<number>): number {
  return forward(head, x).rating;
}

/** Gradient buffers shaped like a head. */
export type Gradients = Omit<MlpHead, 'inputs'>;

export function zeroGradients(head: MlpHead): Gradients {
  return {
    w1: new Float32Array(head.w1.length),
    b1: new Float32Array(head.b1.length),
    w2: new Float32Array(head.w2.length),
    b2: new Float32Array(head.b2.length),
    w3: new Float32Array(head.w3.length),
    b3: new Float32Array(1),
  };
}

/**
 * Adds the gradient of `scale · (rating − target)²` for one sample to `grads` (backpropagation
 * through the sigmoid output and both ReLU layers); returns the squared error.
 */
export function accumulateGradients(head: MlpHead, x: ArrayLike<number>, target: number, scale: number, grads: Gradients, act: Activations): number {
  forward(head, x, act);
  const error = act.rating - target;
  // d/dz of (4σ(z) + 1 − t)² = 2 · error · 4 · σ(z)(1 − σ(z)).
  const dz = scale * 2 * error * 4 * act.s * (1 - act.s);
  grads.b3[0]! += dz;
  const d2 = new Float64Array(HIDDEN_2);
  for (let k = 0; k < HIDDEN_2; k++) {
    grads.w3[k]! += dz * act.h2[k]!;
    d2[k] = act.h2[k]! > 0 ? dz * head.w3[k]! : 0;
    grads.b2[k]! += d2[k]!;
  }
  const d1 = new Float64Array(HIDDEN_1);
  for (let j = 0; j < HIDDEN_1; j++) {
    const a = act.h1[j]!;
    if (a === 0) continue;
    const row = j * HIDDEN_2;
    let acc = 0;
    for (let k = 0; k < HIDDEN_2; k++) {
      const d = d2[k]!;
      if (d === 0) continue;
      grads.w2[row + k]! += a * d;
      acc += d * head.w2[row + k]!;
    }
    d1[j] = acc;
    grads.b1[j]! += acc;
  }
  for (let i = 0; i < head.inputs; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    const row = i * HIDDEN_1;
    for (let j = 0; j < HIDDEN_1; j++) grads.w1[row + j]! += xi * d1[j]!;
  }
  return error * error;
}

export function cloneHead(head: MlpHead): MlpHead {
  return {
    inputs: head.inputs,
    w1: head.w1.slice(),
    b1: head.b1.slice(),
    w2: head.w2.slice(),
    b2: head.b2.slice(),
    w3: head.w3.slice(),
    b3: head.b3.slice(),
  };
}
