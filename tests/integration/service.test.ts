import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Service } from '../../core/service';
import { bombPng } from '../helpers/images';
import { repoRoot, startService } from '../helpers/service';
import { tempDir } from '../helpers/temp';

const dirs: { remove(): void }[] = [];
const services: Service[] = [];
afterEach(async () => {
  while (services.length) await services.pop()!.close();
});
afterAll(() => dirs.forEach((d) => d.remove()));

async function fresh(dataDir?: string) {
  const dir = dataDir ?? (() => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  })();
  const service = await startService(dir);
  services.push(service);
  return { service, dir };
}

const rater = 'ana@studio';

async function rateHead(service: Service, a: number, b: number) {
  const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
  expect(experiment).not.toBeNull();
  return service.call('train.rate', {
    experiment_id: experiment!.experiment_id,
    ratings: [
      { option: 'A', rating: a, comments: `a${a}` },
      { option: 'B', rating: b, comments: `b${b}` },
    ],
    outcome: a > b ? 'A' : a < b ? 'B' : 'tie',
    rated_by: rater,
  });
}

function fileCount(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

describe('service', () => {
  it('registers the bundled samples and prefetches pairs of them with the local enhancer', async () => {
    const { service } = await fresh();
    const samples = await service.call('samples.list', {});
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'resources/samples/samples.json'), 'utf8')) as unknown[];
    expect(samples).toHaveLength(manifest.length);
    const { experiment, queue } = await service.call('queue.next', { wait_ms: 60_000 });
    expect(queue.target).toBe(3);
    expect(experiment!.status).toBe('ready');
    expect(experiment!.options.map((o) => o.option)).toEqual(['A', 'B']);
    for (const option of experiment!.options) {
      expect(option.provider).toBe('local');
      expect(option.prompt_version).toBe('v1.0.0');
      expect(option.image).not.toBeNull();
      const file = await service.imageFile(option.image!.sha256);
      const meta = await sharp(file!.path).metadata();
      expect(meta.width).toBe(option.image!.width);
    }
    // The optimizer's initial design opens with the seed's current values, then space-filling points.
    expect(experiment!.options.map((o) => o.metadata.origin)).toEqual(['initial-design', 'initial-design']);
    expect(experiment!.options.map((o) => o.parameters)).toContainEqual({
      api: 'local',
      init_strength: 0.25,
      guidance_scale: 7,
      controlnet_weight: 0.92,
    });
  });

  it('rates, counts samples, undoes, skips, and keeps it all across a restart', async () => {
    const { service, dir } = await fresh();
    const first = await rateHead(service, 2, 4);
    expect(first).toMatchObject({ success: true, samples_collected: 2, ml_updated: true, phase_1_complete: false });
    await rateHead(service, 5, 3);
    await rateHead(service, 3, 3);
    expect((await service.call('train.status', {})).phase_1.samples_collected).toBe(6);

    const undo = await service.call('train.undo', { rated_by: rater });
    expect(undo.samples_collected).toBe(4);
    const { experiment: back } = await service.call('queue.next', {});
    expect(back!.experiment_id).toBe(undo.undone!.experiment_id);

    await service.call('train.skip', { experiment_id: back!.experiment_id, reason: 'Cannot judge this render', rated_by: rater });
    const status = await service.call('train.status', {});
    expect(status.phase_1).toMatchObject({ samples_collected: 4, best_rating: 5, target_samples: 50, proposer: 'bayesian', stop_rule: null });
    expect(status.phase_2).toEqual({ active: true, training_samples: 4, ready_for_inference: false, model_accuracy: null });
    expect(status.prompt_evolution).toEqual({ active: true, current_version: 'v1.0.0', last_evolution: null, next_evolution_at_sample: 10, next_evolution_waiting_for: null });
    // The recommendation is the best posterior mean, so it sits below the single 5 it was rated.
    expect(status.current_best!.api).toBe('local');
    expect(status.current_best!.avg_rating).toBeLessThan(5);
    expect(status.current_best!.interval80[0]).toBeLessThan(status.current_best!.interval80[1]);

    const history = await service.call('train.history', { limit: 50 });
    expect(history.experiments.map((e) => e.status)).toEqual(['skipped', 'rated', 'rated']);
    expect(history.experiments[0]!.skip_reason).toBe('Cannot judge this render');
    expect(history.analytics).toMatchObject({ total_samples: 4, avg_rating: 3.5, rating_trend: [3.5] });
    expect(history.analytics.api_performance).toEqual({ local: { avg_rating: 3.5, count: 4 } });
    expect((await service.call('train.history', { limit: 50, min_rating: 5 })).experiments).toHaveLength(1);
    expect((await service.call('train.history', { limit: 50, api: 'leonardo' })).experiments).toHaveLength(0);

    await services.pop()!.close();
    const { service: again } = await fresh(dir);
    expect((await again.call('train.status', {})).phase_1.samples_collected).toBe(4);
    expect((await again.call('train.history', { limit: 50 })).experiments).toHaveLength(3);
    // The prefetched queue survived too: a ready pair is there without waiting.
    expect((await again.call('queue.next', { wait_ms: 0 })).experiment).not.toBeNull();
  });

  it('trainers rate blind by default, and each rating records whether details were on screen', async () => {
    const { service } = await fresh();
    const settings = await service.call('settings.get', {});
    expect([settings.show_parameters_to_trainers, settings.show_predictions_to_trainers]).toEqual([false, false]);
    const blind = await service.call('queue.next', { wait_ms: 60_000 });
    await rateHead(service, 4, 2);
    await service.call('settings.update', { show_parameters_to_trainers: true });
    const shown = await service.call('queue.next', { wait_ms: 60_000 });
    await rateHead(service, 3, 5);
    await service.call('settings.update', { show_parameters_to_trainers: false, show_predictions_to_trainers: true });
    const predicted = await service.call('queue.next', { wait_ms: 60_000 });
    await rateHead(service, 2, 2);
    const flag = (id: string) => service.store.ratings.effectiveRating(id)?.details_shown;
    expect([blind, shown, predicted].map((n) => flag(n.experiment!.experiment_id))).toEqual([0, 1, 1]);
  });

  it("tells the trainer their own day: pairs rated today against the goal and the last hour's pace", async () => {
    let clock = new Date(2026, 2, 2, 10, 0, 0).getTime(); // local time: "today" is the workstation's day
    const dir = tempDir();
    dirs.push(dir);
    const service = await startService(dir.path, { now: () => new Date(clock).toISOString() });
    services.push(service);
    await service.call('settings.update', { rater_id: rater, daily_goal: 120 });
    await rateHead(service, 4, 2);
    clock += 30 * 60_000;
    await rateHead(service, 3, 5);
    const session = async () => (await service.call('train.status', {})).session;
    expect(await session()).toEqual({ rater_id: rater, rated_today: 2, last_hour: 2, daily_goal: 120, gold: null });
    clock += 50 * 60_000; // 11:20: the 10:00 pair left the last hour
    expect(await session()).toMatchObject({ rated_today: 2, last_hour: 1 });
    // Another trainer at the same workstation starts from zero: only their own figures.
    await service.call('settings.update', { rater_id: 'bo@studio' });
    expect(await session()).toMatchObject({ rater_id: 'bo@studio', rated_today: 0, last_hour: 0 });
    await service.call('settings.update', { rater_id: rater });
    clock = new Date(2026, 2, 3, 0, 10, 0).getTime(); // past midnight: a new day
    expect(await session()).toMatchObject({ rated_today: 0, last_hour: 0 });
  });

  it('puts an uploaded render at the front of the queue', async () => {
    const { service } = await fresh();
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c8b89a' } }).png().toBuffer();
    const created = await service.call('train.create', {
      image: { name: 'my-room.png', data_base64: png.toString('base64') },
      mode: 'structure',
      project_id: 'p1',
    });
    expect(created.status).toBe('ready');
    expect(created.source).toMatchObject({ name: 'my-room.png', width: 640, height: 480 });
    const { experiment } = await service.call('queue.next', {});
    expect(experiment!.experiment_id).toBe(created.experiment_id);
  });

  it.each([
    ['a text file', Buffer.from('just some notes, not a picture'), 'invalid_image'],
    ['a truncated JPEG', 'truncated', 'invalid_image'],
    ['a 20000x20000 PNG header', 'bomb', 'image_too_large'],
  ])('refuses %s with a clear error and writes nothing', async (_name, bytes, code) => {
    const { service, dir } = await fresh();
    await service.call('queue.next', { wait_ms: 60_000 });
    let payload: Buffer;
    if (bytes === 'truncated') {
      const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#888' } }).jpeg().toBuffer();
      payload = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    } else if (bytes === 'bomb') {
      payload = bombPng();
    } else {
      payload = bytes as Buffer;
    }
    const filesBefore = fileCount(dir);
    const experimentsBefore = service.store.experiments.total();
    const error = await service
      .call('train.create', { image: { name: 'bad', data_base64: payload.toString('base64') }, mode: 'structure' })
      .catch((e) => e);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(20);
    expect(service.store.experiments.total()).toBe(experimentsBefore);
    expect(fileCount(dir) - filesBefore).toBeLessThanOrEqual(2); // only SQLite's WAL/SHM may grow
  });

  it('refuses ratings of 0 and 6, an unknown pair, and a second rating of the same pair', async () => {
    const { service } = await fresh();
    const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
    const base = { experiment_id: experiment!.experiment_id, outcome: 'A' as const, rated_by: rater };
    for (const bad of [0, 6]) {
      await expect(
        service.call('train.rate', { ...base, ratings: [{ option: 'A', rating: bad }, { option: 'B', rating: 3 }] }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
    }
    await expect(
      service.call('train.rate', { ...base, experiment_id: 'exp_nope', ratings: [{ option: 'A', rating: 3 }, { option: 'B', rating: 3 }] }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect((await service.call('train.status', {})).phase_1.samples_collected).toBe(0);
    await service.call('train.rate', { ...base, ratings: [{ option: 'A', rating: 3 }, { option: 'B', rating: 3 }] });
    await expect(
      service.call('train.rate', { ...base, ratings: [{ option: 'A', rating: 1 }, { option: 'B', rating: 1 }] }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect((await service.call('train.status', {})).phase_1.samples_collected).toBe(2);
  });

  it('keeps settings, and the same seed proposes the same parameters after a restart', async () => {
    const { service, dir } = await fresh();
    await service.call('settings.update', { rater_id: rater, prefetch: 2 });
    const first = (await service.call('queue.next', { wait_ms: 60_000 })).experiment!;
    await services.pop()!.close();
    const { service: again } = await fresh(dir);
    expect(await again.call('settings.get', {})).toMatchObject({ rater_id: rater, prefetch: 2 });
    const same = (await again.call('queue.next', { wait_ms: 60_000 })).experiment!;
    expect(same.options.map((o) => o.parameters)).toEqual(first.options.map((o) => o.parameters));
    await expect(again.call('settings.update', { prefetch: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
