import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileSecretStore } from '../../core/host/secrets-file';
import { startService } from '../helpers/service';
import { tempDir } from '../helpers/temp';

const dirs: { path: string; remove(): void }[] = [];
afterAll(() => dirs.forEach((dir) => dir.remove()));

describe('browser host secrets file', () => {
  it('an unreadable file counts as no secrets, is reported, and is moved aside rather than overwritten', async () => {
    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(join(dir.path, 'secrets.json'), '{"postgres_password": "hunt');
    const problems: string[] = [];
    const secrets = createFileSecretStore(dir.path, (message) => problems.push(message));
    const service = await startService(dir.path, { secrets });
    try {
      await service.call('sync.configure', { postgres: { connection_string: 'postgres://trainer@127.0.0.1:9/latina' }, s3: null });
      expect(await service.call('sync.getConfig', {})).toMatchObject({ postgres: { has_password: false } });
      expect(problems[0]).toMatch(/cannot be read/);
      await service.call('sync.configure', { postgres: { connection_string: 'postgres://trainer@127.0.0.1:9/latina', password: 'new-pw' }, s3: null });
      const aside = readdirSync(dir.path).find((name) => name.startsWith('secrets.json.unreadable-'))!;
      expect(readFileSync(join(dir.path, aside), 'utf8')).toBe('{"postgres_password": "hunt');
      expect(createFileSecretStore(dir.path).get('postgres_password')).toBe('new-pw');
    } finally {
      await service.close();
    }
  });
});
