import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImageStore } from '../../../core/images';
import { createSite, dataDir, startServers, type Servers } from './servers';
import { createWorkstation } from './workstation';

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
});
afterAll(async () => {
  await servers?.close();
});

describe('sync: pulled images', () => {
  it('checks a downloaded image against the pixel limit like an upload, and stores nothing over it', async () => {
    const site = await createSite(servers);
    const ws1 = await createWorkstation(dataDir(servers), site.config);
    const strictDir = dataDir(servers);
    // The renders are 8×6 = 48 pixels: over a 40-pixel limit, under the default one.
    const strictImages = createImageStore({ dataDir: strictDir, maxPixels: 40 });
    const strict = await createWorkstation(strictDir, site.config, { images: strictImages });
    const plain = await createWorkstation(dataDir(servers), site.config);
    try {
      await ws1.rateNew('ana');
      expect((await ws1.sync.syncNow()).state).toBe('idle');
      expect((await strict.sync.syncNow()).state).toBe('idle');
      expect((await plain.sync.syncNow()).state).toBe('idle');
      const { sha256 } = strict.store.forTests().prepare('SELECT sha256 FROM images LIMIT 1').get() as { sha256: string };

      await expect(strict.sync.fetchImage(sha256)).rejects.toThrow(/was refused: The image is 8×6.*the limit is/);
      expect(strictImages.pathOf(sha256)).toBeNull();
      await expect(plain.sync.fetchImage(sha256)).resolves.toMatch(new RegExp(`${sha256}\\.png$`));
    } finally {
      await ws1.close();
      await strict.close();
      await plain.close();
    }
  });
});
