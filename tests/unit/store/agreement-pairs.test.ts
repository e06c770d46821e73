import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../core/store';
import { agreementOf } from '../../../core/reward';
import { fakeSha, readyPair } from '../../helpers/store';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());

describe("the pairs the reward model's agreement is counted on", () => {
  it('marks pairs of identical images and pairs the check could not tell apart, and keeps only predictions made before the rating', () => {
    let clock = 0;
    const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString();
    const store = openStore(`${dir.path}/agreement.sqlite`, { now });
    store.reward.saveModel({ id: 'rwd_1', created_at: now(), file: 'rwd_1.onnx', sha256: fakeSha('f'), feature_set: 'classical-v1', features: 204, heads: 5, training_samples: 40, report: {}, ready: false });
    const image = (c: string) => {
      store.images.record({ sha256: fakeSha(c), mime: 'image/png', width: 8, height: 6, bytes: 100 });
      return fakeSha(c);
    };
    // exp_same shows one image twice; exp_close was checked and not told apart; exp_late was predicted after its rating.
    const outputs: Record<string, [string, string]> = { exp_ok: ['1', '2'], exp_same: ['3', '3'], exp_close: ['4', '5'], exp_late: ['6', '7'], exp_tie: ['8', '9'] };
    for (const [id, [a, b]] of Object.entries(outputs)) {
      readyPair(store, id);
      store.experiments.setOptionOutput(`opt_${id}_A`, { output_sha256: image(a), latency_ms: 1, cost_usd: 0, details: {} });
      store.experiments.setOptionOutput(`opt_${id}_B`, { output_sha256: image(b), latency_ms: 1, cost_usd: 0, details: {} });
    }
    store.pairChecks.record({ experiment_id: 'exp_close', attempt: 0, identical: false, colour: 0, detail: 0, distance: 0.001, told_apart: false });
    const predict = (id: string) =>
      store.reward.savePredictions('rwd_1', [
        { option_id: `opt_${id}_A`, mean: 3.5, std: 0.2 },
        { option_id: `opt_${id}_B`, mean: id === 'exp_same' ? 3.5 : 2.5, std: 0.2 },
      ]);
    for (const id of ['exp_ok', 'exp_same', 'exp_close', 'exp_tie']) predict(id);
    const rate = (id: string, outcome: 'A' | 'B' | 'tie') =>
      store.ratings.rate({ id: `rat_${id}`, experiment_id: id, rated_by: 'ana@studio', outcome, rating_a: 4, comment_a: '', rating_b: 3, comment_b: '', shown_at: null, details_shown: 0, answered_at: now() });
    for (const id of ['exp_ok', 'exp_same', 'exp_close', 'exp_late']) rate(id, 'A');
    rate('exp_tie', 'tie');
    predict('exp_late');

    const pairs = store.reward.predictedPairs('structure');
    expect(pairs).toHaveLength(4);
    expect(pairs.filter((p) => p.indistinct)).toHaveLength(2);
    const agreement = agreementOf(pairs);
    expect(agreement).toMatchObject({ pairs: 1, agreed: 1, excluded: { indistinct: 2, ties: 1, prediction_ties: 0 } });
    store.close();
  });
});
