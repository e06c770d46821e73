import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../../core/api';
import { createMemorySecretStore } from '../../core/service';
import { createAppStores, startApp } from '../../renderer/stores';
import { nextPair } from '../helpers/next-pair';
import { startService } from '../helpers/service';
import { tempDir } from '../helpers/temp';

// Without a sync server the host sends no sync status after a rating: the renderer's header still
// shows how many records are kept on this computer, because it asks when the status changes.

const dir = tempDir();
afterAll(() => dir.remove());

describe('the header without a sync server', () => {
  it('counts the rating just made among the records kept on this computer', { timeout: 240_000 }, async () => {
    const service = await startService(dir.path, { secrets: createMemorySecretStore() });
    const api = createClient({ invoke: (name, input) => service.invoke(name, input), subscribe: (name, listener) => service.subscribe(name, listener), imageUrl: (sha) => sha });
    let saved: string | null = null;
    const stores = createAppStores(api, () => new Date(), () => {}, { load: () => saved, save: (value) => void (saved = value) });
    const stop = startApp(stores);
    try {
      const pair = await nextPair(service);
      const shown = () => stores.sync.getState().status;
      // Settles once the first refresh has answered.
      await new Promise<void>((resolve) => {
        if (shown()) return resolve();
        const off = stores.sync.subscribe((state) => state.status && (off(), resolve()));
      });
      expect(shown()!.state).toBe('not_configured');

      const before = (await service.call('sync.status', {})).pending;
      const counted = new Promise<number>((resolve) => {
        const off = stores.sync.subscribe((state) => {
          if (state.status && state.status.pending > before) {
            off();
            resolve(state.status.pending);
          }
        });
      });
      await service.call('train.rate', {
        experiment_id: pair.experiment_id,
        ratings: [
          { option: 'A', rating: 3, comments: '' },
          { option: 'B', rating: 4, comments: '' },
        ],
        outcome: 'B',
        rated_by: 'ana@studio',
      });
      // Nothing else asks for the sync status here: only the refresh after this rating's statusChanged.
      expect(await counted).toBeGreaterThanOrEqual(before + 1);
    } finally {
      stop();
      await service.close();
    }
  });
});
