import type { Gradients, MlpHead } from './mlp';

export interface AdamWOptions {
  lr: number;
  /** PyTorch's AdamW defaults: β = (0.9, 0.999), ε = 1e-8, weight decay 0.01. */
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
}

const PARAMS = ['w1', 'b1', 'w2', 'b2', 'w3', 'b3'] as const;

/** AdamW (Loshchilov & Hutter 2019): Adam with the weight decay applied to the weights directly. */
export function createAdamW(head: MlpHead, options: AdamWOptions) {
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const eps = options.eps ?? 1e-8;
  const weightDecay = options.weightDecay ?? 0.01;
  const m = Object.fromEntries(PARAMS.map((p) => [p, new Float64Array(head[p].length)])) as Record<(typeof PARAMS)[number], Float64Array>;
  const v = Object.fromEntries(PARAMS.map((p) => [p, new Float64Array(head[p].length)])) as Record<(typeof PARAMS)[number], Float64Array>;
  let t = 0;
  return {
    step(grads: Gradients): void {
      t++;
      const c1 = 1 - beta1 ** t;
      const c2 = 1 - beta2 ** t;
      for (const p of PARAMS) {
        const w = head[p];
        const g = grads[p];
        const mp = m[p];
        const vp = v[p];
        for (let i = 0; i < w.length; i++) {
          const gi = g[i]!;
          mp[i] = beta1 * mp[i]! + (1 - beta1) * gi;
          vp[i] = beta2 * vp[i]! + (1 - beta2) * gi * gi;
          w[i] = w[i]! * (1 - options.lr * weightDecay) - (options.lr * (mp[i]! / c1)) / (Math.sqrt(vp[i]! / c2) + eps);
        }
      }
    },
  };
}
