import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rpc, startHost } from '../../helpers/host';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());
const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('browser host data folder', () => {
  it('is created 0700 with the database and its WAL and SHM files 0600', async () => {
    const data = join(dir.path, 'fresh', 'latina');
    const host = await startHost(data);
    try {
      await rpc(host, 'settings.update', { rater_id: 'ana@studio.example' });
      expect(mode(data)).toBe(0o700);
      for (const name of ['latina.sqlite', 'latina.sqlite-wal', 'latina.sqlite-shm']) expect(mode(join(data, name)), name).toBe(0o600);
    } finally {
      await host.stop();
    }
  });

  it('tightens a folder and database left readable by others', async () => {
    const data = join(dir.path, 'old');
    mkdirSync(data, { mode: 0o755 });
    chmodSync(data, 0o755);
    writeFileSync(join(data, 'latina.sqlite'), '');
    chmodSync(join(data, 'latina.sqlite'), 0o644);
    const host = await startHost(data);
    try {
      expect(mode(data)).toBe(0o700);
      expect(mode(join(data, 'latina.sqlite'))).toBe(0o600);
      expect(mode(join(data, 'latina.sqlite-wal'))).toBe(0o600);
    } finally {
      await host.stop();
    }
  });
});
