import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../core/optimizer';
import { predictEnsemble, trainEnsemble, type RewardSample } from '../../../core/reward';

const options = { lr: 3e-3, batchSize: 16, patience: 10, maxEpochs: 150, weightDecay: 0.01, heads: 2, holdout: 0.2, validation: 0.2, seed: 4 };

/**
 * A careful rater's ratings rise with the first feature; a careless one's fall with it, on other
 * images of the same kind. `carelessWeight` is the careless rater's reliability weight.
 */
function samples(carelessWeight: number | undefined): RewardSample[] {
  const random = mulberry32(11);
  return Array.from({ length: 200 }, (_, i) => {
    const features = Float32Array.of(2 * random() - 1, 2 * random() - 1);
    const careless = i >= 120;
    const rating = careless ? 3 - 1.5 * features[0]! : 3 + 1.5 * features[0]!;
    return {
      features,
      rating,
      experiment: `exp_${i >> 1}`,
      label: i % 2 ? 'B' : 'A',
      outcome: 'tie',
      ...(careless && carelessWeight !== undefined ? { weight: carelessWeight } : {}),
    };
  });
}

const slope = (s: RewardSample[]) => {
  const { ensemble } = trainEnsemble(s, options);
  return (predictEnsemble(ensemble, [0.8, 0]).mean - predictEnsemble(ensemble, [-0.8, 0]).mean) / 1.6;
};

describe('reward training weighted by rater reliability', () => {
  it('a careless rater who reverses the trend bends the fit less when weighted as unreliable', () => {
    const unweighted = slope(samples(undefined));
    const weighted = slope(samples(0.1));
    // Unweighted, 80 reversed rows against 120 careful ones leave a slope near (120 − 80)/200·1.5 = 0.3;
    // at weight 0.1 the careful trend (1.5) dominates: (120 − 8)/128·1.5 ≈ 1.3 before regularisation.
    expect(unweighted).toBeLessThan(0.6);
    expect(weighted).toBeGreaterThan(unweighted + 0.4);
  });
});
