import { createAdamW } from './adamw';
import { accumulateGradients, cloneHead, forward, initHead, zeroGradients, type MlpHead } from './mlp';

/** The seed's training recipe ("Training"): MSE, AdamW, batch 16, early stopping after 10 epochs. */
export interface TrainOptions {
  lr: number;
  batchSize: number;
  /** Epochs without a better validation loss before training stops (the seed's 10). */
  patience: number;
  maxEpochs: number;
  weightDecay: number;
}

export const SEED_TRAIN_OPTIONS: TrainOptions = { lr: 1e-4, batchSize: 16, patience: 10, maxEpochs: 300, weightDecay: 0.01 };

export interface TrainedHead {
  head: MlpHead;
  /** Mean squared error per epoch, on the training rows and on the validation rows. */
  trainLoss: number[];
  validationLoss: number[];
  bestEpoch: number;
  stoppedEarly: boolean;
}

/** Fisher–Yates shuffle of 0..n−1 with the injected generator. */
export function permutation(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Mean squared error, each row's weighted by `weight` (default 1) when given. */
export function meanSquaredError(head: MlpHead, x: readonly Float32Array[], y: readonly number[], weight?: readonly number[]): number {
  if (x.length === 0) return NaN;
  let sum = 0;
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const w = weight?.[i] ?? 1;
    sum += w * (forward(head, x[i]!).rating - y[i]!) ** 2;
    total += w;
  }
  return sum / total;
}

/**
 * Trains one head on standardised rows (each row's squared error multiplied by its `weight`,
 * default 1) and keeps the weights of its best validation epoch. The validation rows only decide
 * when to stop; they never update weights.
 */
export function trainHead(
  train: { x: readonly Float32Array[]; y: readonly number[]; weight?: readonly number[] },
  validation: { x: readonly Float32Array[]; y: readonly number[]; weight?: readonly number[] },
  options: TrainOptions,
  random: () => number,
): TrainedHead {
  if (train.x.length === 0) throw new Error('no training rows');
  const inputs = train.x[0]!.length;
  const head = initHead(inputs, random);
  const optimizer = createAdamW(head, { lr: options.lr, weightDecay: options.weightDecay });
  const grads = zeroGradients(head);
  const act = forward(head, new Float32Array(inputs));
  let best = cloneHead(head);
  let bestLoss = validation.x.length ? meanSquaredError(head, validation.x, validation.y, validation.weight) : Infinity;
  let bestEpoch = 0;
  const trainLoss: number[] = [];
  const validationLoss: number[] = [];
  let stoppedEarly = false;
  for (let epoch = 1; epoch <= options.maxEpochs; epoch++) {
    const order = permutation(train.x.length, random);
    let sum = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      const batch = order.slice(start, start + options.batchSize);
      for (const key of ['w1', 'b1', 'w2', 'b2', 'w3', 'b3'] as const) grads[key].fill(0);
      // A row's weight (its rater's reliability) scales its share of the batch's gradient.
      for (const i of batch) sum += accumulateGradients(head, train.x[i]!, train.y[i]!, (train.weight?.[i] ?? 1) / batch.length, grads, act);
      optimizer.step(grads);
    }
    trainLoss.push(sum / order.length);
    // Without validation rows (a tiny data set) the last epoch is kept and training runs to the end.
    const loss = validation.x.length ? meanSquaredError(head, validation.x, validation.y, validation.weight) : trainLoss.at(-1)!;
    validationLoss.push(loss);
    if (loss < bestLoss) {
      bestLoss = loss;
      bestEpoch = epoch;
      best = cloneHead(head);
    } else if (epoch - bestEpoch >= options.patience) {
      stoppedEarly = true;
      break;
    }
  }
  return { head: best, trainLoss, validationLoss, bestEpoch, stoppedEarly };
}
