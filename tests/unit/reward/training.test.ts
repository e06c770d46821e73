import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../core/optimizer';
import { predictEnsemble, trainEnsemble, type RewardSample } from '../../../core/reward';
import { accumulateGradients, forward, initHead, zeroGradients } from '../../../core/reward/math/mlp';
import { trainHead } from '../../../core/reward/math/train';

/** Rows with D features; the rating is a smooth function of the first two (learnable). */
function learnable(n: number, d: number, seed: number) {
  const random = mulberry32(seed);
  const x = Array.from({ length: n }, () => Float32Array.from({ length: d }, () => 2 * random() - 1));
  const y = x.map((row) => 1 + 4 / (1 + Math.exp(-(2 * row[0]! - 1.5 * row[1]!))) + 0.1 * (random() - 0.5));
  return { x, y };
}

describe('MLP head and training', () => {
  it('backpropagation matches finite differences of the squared error', () => {
    const random = mulberry32(5);
    const head = initHead(6, random);
    const x = Float32Array.from({ length: 6 }, () => random() * 2 - 1);
    const grads = zeroGradients(head);
    accumulateGradients(head, x, 4.5, 1, grads, forward(head, x));
    const loss = () => (forward(head, x).rating - 4.5) ** 2;
    for (const [key, index] of [['w1', 7], ['b1', 3], ['w2', 300], ['b2', 5], ['w3', 2], ['b3', 0]] as const) {
      const original = head[key][index]!;
      const h = 1e-2;
      head[key][index] = original + h;
      const up = loss();
      head[key][index] = original - h;
      const down = loss();
      head[key][index] = original;
      // Central difference in float32 weights: agreement to a few parts in a thousand is what it allows.
      expect(grads[key][index]!).toBeCloseTo((up - down) / (2 * h), 3);
    }
  });

  it('lowers the validation loss on learnable data and stops early', () => {
    const train = learnable(240, 8, 1);
    const validation = learnable(60, 8, 2);
    const trained = trainHead(train, validation, { lr: 1e-3, batchSize: 16, patience: 10, maxEpochs: 400, weightDecay: 0.01 }, mulberry32(3));
    // The targets' variance is about 1 and their noise only 0.1²/12 ≈ 0.001: a head that learned
    // anything cuts the validation MSE well below 30% of where the first epoch left it.
    expect(trained.validationLoss[trained.bestEpoch - 1]!).toBeLessThan(0.3 * trained.validationLoss[0]!);
    expect(trained.stoppedEarly).toBe(true);
    expect(trained.trainLoss.length).toBe(trained.bestEpoch + 10);
  });

  it('an ensemble of bootstrap heads disagrees more away from the data than inside it', () => {
    const random = mulberry32(9);
    // Two features in [−1, 1]; ratings follow the first one.
    const samples: RewardSample[] = Array.from({ length: 160 }, (_, i) => {
      const features = Float32Array.of(2 * random() - 1, 2 * random() - 1);
      return { features, rating: 3 + 1.5 * features[0]!, experiment: `exp_${i >> 1}`, label: i % 2 ? 'B' : 'A', outcome: 'tie' };
    });
    const { ensemble, heads } = trainEnsemble(samples, { lr: 1e-3, batchSize: 16, patience: 10, maxEpochs: 200, weightDecay: 0.01, heads: 5, holdout: 0.2, validation: 0.2, seed: 4 });
    expect(heads).toHaveLength(5);
    const inside = [-0.5, 0, 0.5].map((v) => predictEnsemble(ensemble, [v, v]).std);
    const outside = [-6, 6].map((v) => predictEnsemble(ensemble, [0, v]).std);
    // Inside the data every head fits the same line; at 6 (three times the data's range) nothing
    // constrains them, so the spread must be clearly larger, not merely a hair above.
    expect(Math.min(...outside)).toBeGreaterThan(2 * Math.max(...inside));
  });

  it('reports held-out metrics against the mean baseline, split by pair', () => {
    const { x, y } = learnable(300, 6, 11);
    const samples: RewardSample[] = x.map((features, i) => ({
      features,
      rating: Math.round(y[i]!),
      experiment: `exp_${i >> 1}`,
      label: i % 2 ? 'B' : 'A',
      outcome: y[i - (i % 2)]! > y[i - (i % 2) + 1]! ? 'A' : 'B',
    }));
    const result = trainEnsemble(samples, { lr: 1e-3, batchSize: 16, patience: 10, maxEpochs: 200, weightDecay: 0.01, heads: 5, holdout: 0.2, validation: 0.2, seed: 2 });
    expect(result.split).toEqual({ pool: 240, holdout: 60 });
    expect(result.metrics.decisive_pairs).toBe(30);
    expect(result.metrics.mae!).toBeLessThan(result.baseline.mae!);
    expect(result.metrics.pairwise_accuracy!).toBeGreaterThan(0.8);
    // A constant prediction ranks nothing: every pair is a predicted tie.
    expect(result.baseline.pairwise_accuracy).toBe(0.5);
    expect(() => trainEnsemble(samples.slice(0, 3))).toThrow(/too few/);
  });
});
