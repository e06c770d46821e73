import { afterAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../core/api';
import { createMemorySecretStore, type Service } from '../../core/service';
import { whenEvents } from '../helpers/events';
import { nextPair } from '../helpers/next-pair';
import { freePort } from '../helpers/pg';
import { startService } from '../helpers/service';
import { tempDir } from '../helpers/temp';

// One rating, undo or skip raises the store's ratings signal once; each post-rating step runs once
// on it, and the renderer hears `statusChanged` once, after the work. The contract's events are not
// an internal bus: reward-training progress tells the renderer without running the steps again.

const dirs: ReturnType<typeof tempDir>[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));
function freshDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}
// Dozens of generations through the local enhancer in the slow test: it waits on events, never on the clock.
const WORKFLOW_TIMEOUT_MS = 240_000;
const STEPS = ['queue refill', 'reward retraining', 'prompt evolution', 'sync poke'];

/** A service whose post-rating steps and contract events are counted. */
async function countedService(extra: Parameters<typeof startService>[1] = {}) {
  const steps = new Map<string, number>();
  const sources: string[] = [];
  const service = await startService(freshDir(), {
    secrets: createMemorySecretStore(),
    onAfterRatingsStep: (step, change) => {
      steps.set(step, (steps.get(step) ?? 0) + 1);
      if (step === 'queue refill') sources.push(change.source);
    },
    ...extra,
  });
  const events = new Map<EventName, number>();
  for (const name of ['statusChanged', 'syncStatus'] as const) service.subscribe(name, () => events.set(name, (events.get(name) ?? 0) + 1));
  return {
    service,
    sources,
    /** Each step's runs and each event's count since the last call. */
    take() {
      const counted = {
        steps: Object.fromEntries(STEPS.map((s) => [s, steps.get(s) ?? 0])),
        statusChanged: events.get('statusChanged') ?? 0,
        syncStatus: events.get('syncStatus') ?? 0,
      };
      steps.clear();
      events.clear();
      return counted;
    },
  };
}

const once = (steps: string[]) => Object.fromEntries(STEPS.map((s) => [s, steps.includes(s) ? 1 : 0]));

async function rate(service: Service, experimentId: string) {
  return service.call('train.rate', {
    experiment_id: experimentId,
    ratings: [
      { option: 'A', rating: 2, comments: '' },
      { option: 'B', rating: 4, comments: '' },
    ],
    outcome: 'B',
    rated_by: 'ana@studio',
  });
}

describe('what one rating starts', () => {
  it('runs each step once and says statusChanged once for a rating, an undo and a skip; no sync status without a server', { timeout: WORKFLOW_TIMEOUT_MS }, async () => {
    const { service, sources, take } = await countedService();
    try {
      const first = await nextPair(service);
      take();
      await rate(service, first.experiment_id);
      expect(take()).toEqual({ steps: once(STEPS), statusChanged: 1, syncStatus: 0 });

      await service.call('train.undo', { rated_by: 'ana@studio' });
      expect(take()).toEqual({ steps: once(STEPS), statusChanged: 1, syncStatus: 0 });
      // Nothing left to take back: nothing changed, nothing runs, nobody is told.
      await service.call('train.undo', { rated_by: 'ana@studio' });
      expect(take()).toEqual({ steps: once([]), statusChanged: 0, syncStatus: 0 });

      const again = await nextPair(service);
      await service.call('train.skip', { experiment_id: again.experiment_id, rated_by: 'ana@studio', reason: 'broken image' });
      expect(take()).toEqual({ steps: once(STEPS), statusChanged: 1, syncStatus: 0 });
      expect(sources).toEqual(['rating', 'undo', 'skip']);
      // The pending count is still there for whoever asks.
      expect((await service.call('sync.status', {})).pending).toBeGreaterThan(0);
    } finally {
      await service.close();
    }
  });

  it('with a server set up, a rating reports the sync status once (its poke), not once more for the poke it caused', { timeout: WORKFLOW_TIMEOUT_MS }, async () => {
    const { service, take } = await countedService();
    try {
      // Nobody listens on this port: the sync is offline and backs off, a normal state.
      const port = await freePort();
      await service.call('sync.configure', { postgres: { connection_string: `postgres://ana@127.0.0.1:${port}/latina`, password: 'pw' }, s3: null });
      await whenEvents(service, ['syncStatus'], async () => (await service.call('sync.status', {})).state === 'offline');
      const pair = await nextPair(service);
      take();
      await rate(service, pair.experiment_id);
      expect(take()).toEqual({ steps: once(STEPS), statusChanged: 1, syncStatus: 1 });
    } finally {
      await service.close();
    }
  });

  it('reward training tells the renderer of its progress without running the post-rating steps again', { timeout: WORKFLOW_TIMEOUT_MS }, async () => {
    const { service, take } = await countedService({ reward: { retrainDebounceMs: 0 } });
    try {
      const min = (await service.call('reward.status', {})).min_training_samples;
      for (let i = 0; i < min / 2; i++) await rate(service, (await nextPair(service)).experiment_id);
      await whenEvents(service, ['statusChanged'], async () => {
        const reward = await service.call('reward.status', {});
        return !reward.training && reward.model !== null;
      });
      const counted = take();
      // Every step ran once per rating, however often training said it progressed.
      expect(counted.steps).toEqual(Object.fromEntries(STEPS.map((s) => [s, min / 2])));
      expect(counted.statusChanged).toBeGreaterThanOrEqual(min / 2 + 2);
      expect(counted.syncStatus).toBe(0);
    } finally {
      await service.close();
    }
  });
});
