import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installClip, tinyClipEncoder } from '../../helpers/onnx';
import { ratePairs } from '../../helpers/rate-pairs';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';
import { createSignal, eventsOf, whenEvents, whenSignalled } from '../../helpers/events';

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));

// Short runs keep the test quick; the seed's full recipe is what `npm run bench:reward` measures.
const reward = { ensemble: { maxEpochs: 25, lr: 1e-3 }, retrainDebounceMs: 50 };

describe('reward model in the service (worker thread, SQLite, ONNX, retraining)', () => {
  it('trains in the worker once 20 images are rated, predicts the queue, retrains as ratings come in, and survives a restart', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const predictionsSaved = createSignal();
    const options = { reward, onPredictionsSaved: () => predictionsSaved.fire() };
    let service = await startService(dir.path, options);

    const before = await service.call('reward.status', {});
    expect(before).toMatchObject({ state: 'collecting', model: null, training_samples: 0, feature_set: 'classical-v1' });
    expect(before.clip.state).not.toBe('installed');
    await ratePairs(service, 3);
    await expect(service.call('reward.train', {})).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/rate at least 10 pairs/) });

    await ratePairs(service, 7, 3);
    const first = await whenEvents(service, ['statusChanged'], async () => (await service.call('reward.status', {})).model);
    expect(first.training_samples).toBe(20);
    expect(first.heads).toBe(5);
    expect(first.ready).toBe(false);
    expect(first.readiness).toMatch(/trained on 20 rated images; predictions are used from a model trained on 200/);
    expect(first.metrics.samples).toBeGreaterThan(0);
    expect(existsSync(join(dir.path, 'models', `${first.id}.onnx`))).toBe(true);

    const status = await service.call('train.status', { mode: 'structure' });
    expect(status.phase_2).toEqual({ active: true, training_samples: 20, model_accuracy: first.metrics.pairwise_accuracy, ready_for_inference: false });

    // The pairs waiting in the queue get predictions through onnxruntime.
    // Asked again when predictions are saved, or when the queue changes (a new pair, or the one shown taken).
    const predicted = await whenSignalled([predictionsSaved, ...eventsOf(service, ['queueChanged'])], async () => {
      const { experiment } = await service.call('queue.next', { wait_ms: 0 });
      return experiment?.options.every((o) => o.predicted_rating !== null) && experiment;
    });
    const detail = await service.call('reward.predictions', { experiment_id: predicted.experiment_id });
    for (const option of detail.options) {
      expect(option.model_id).toBe(first.id);
      expect(option.predicted_rating).toBeGreaterThanOrEqual(1);
      expect(option.predicted_rating).toBeLessThanOrEqual(5);
      expect(option.uncertainty).toBeGreaterThanOrEqual(0);
    }

    // Five more pairs (10 images) trigger a new model; the rated pairs keep their earlier predictions.
    const rated = await ratePairs(service, 5, 10);
    const second = await whenEvents(service, ['statusChanged'], async () => {
      const s = await service.call('reward.status', {});
      return s.model && s.model.id !== first.id && !s.training && s.model;
    });
    expect(second.training_samples).toBe(30);
    // The current model and the one before it stay on disk; older files are removed.
    expect(readdirSync(join(dir.path, 'models')).sort()).toEqual([`${first.id}.onnx`, `${second.id}.onnx`].sort());
    const history = await service.call('train.history', { limit: 50 });
    const ratedFirst = history.experiments.find((e) => e.experiment_id === rated[0]);
    expect(ratedFirst!.options.every((o) => o.predicted_rating !== null)).toBe(true);
    const agreement = (await service.call('reward.status', {})).agreement;
    expect(agreement.pairs).toBeGreaterThan(0);
    expect(agreement.rate).toBe(agreement.agreed / agreement.pairs);
    expect(agreement.low!).toBeLessThanOrEqual(agreement.rate!);
    expect(agreement.high!).toBeGreaterThanOrEqual(agreement.rate!);
    expect(agreement.baseline.agreed).toBeGreaterThanOrEqual(agreement.pairs / 2);

    await service.close();
    service = await startService(dir.path, options);
    await whenEvents(service, ['statusChanged'], async () => (await service.call('reward.status', {})).model?.id === second.id);
    expect((await service.call('reward.status', {})).state).toBe('not_ready');
    await service.close();
  }, 300_000);

  it('reports a damaged model file and an undecodable image, keeps rating, and trains again', async () => {
    const dir = tempDir();
    dirs.push(dir);
    let service = await startService(dir.path, { reward });
    await ratePairs(service, 10);
    const model = await whenEvents(service, ['statusChanged'], async () => (await service.call('reward.status', {})).model);
    await service.close();

    writeFileSync(join(dir.path, 'models', readdirSync(join(dir.path, 'models')).find((f) => f.startsWith(model.id))!), 'not a model');
    service = await startService(dir.path, { reward });
    // The next pair's option A goes bad on disk before it is measured: skipped and counted, no crash.
    const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
    const brokenSha = experiment!.options[0]!.image!.sha256;
    writeFileSync((await service.imageFile(brokenSha))!.path, 'this is not a PNG any more');
    const failed = await whenEvents(service, ['statusChanged'], async () => {
      const s = await service.call('reward.status', {});
      return s.state === 'failed' && s;
    });
    expect(failed.message).toMatch(/changed or truncated/);
    expect(failed.model).toBeNull();

    // Rating goes on; the next rating retrains from scratch. "Train now" after the last one makes
    // sure a run sees all 30 rated images, of which the broken one is skipped.
    await ratePairs(service, 5, 10);
    await service.call('reward.train', {});
    // Training samples are rated options whose image can be read. A prompt's paired test (it starts
    // after 20 samples) may show one image twice, when the candidate's phrases do not change the local
    // enhancer's output, so the broken image can stand behind more than one rated option.
    const history = await service.call('train.history', { limit: 50 });
    const rated = history.experiments.filter((e) => e.status === 'rated');
    expect(rated).toHaveLength(15);
    const options = rated.flatMap((e) => e.options);
    const broken = options.filter((o) => o.image!.sha256 === brokenSha).length;
    expect(broken).toBeGreaterThanOrEqual(1);
    const retrained = await whenEvents(service, ['statusChanged'], async () => {
      const s = await service.call('reward.status', {});
      return s.model?.training_samples === options.length - broken && !s.training && s;
    });
    expect(retrained.state).toBe('not_ready');
    expect(retrained.skipped_images).toBe(broken);
    await service.close();
  }, 300_000);

  it('uses the CLIP embedding plus the classical features when the encoder is installed', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const modelsDir = join(dir.path, 'bundled-models');
    installClip(modelsDir, tinyClipEncoder());
    const service = await startService(join(dir.path, 'data'), { reward, modelsDir });
    await ratePairs(service, 10);
    const model = await whenEvents(service, ['statusChanged'], async () => (await service.call('reward.status', {})).model);
    const status = await service.call('reward.status', {});
    expect(status.clip.state).toBe('installed');
    expect(model.feature_set).toMatch(/^clip-[0-9a-f]{12}\+classical-v1$/);
    expect(service.store.reward.latestModel()!.features).toBe(512 + 204);
    await service.close();
  }, 300_000);
});
