import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileSecretStore } from '../../core/host/secrets-file';
import { createMemorySecretStore } from '../../core/service';
import { splitPassword } from '../../core/service/sync';
import { startService } from '../helpers/service';
import { tempDir } from '../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());

describe('secrets', () => {
  it('splits the password out of a connection string', () => {
    expect(splitPassword('postgres://trainer:s%40cret@db.example:5432/latina')).toEqual({
      redacted: 'postgres://trainer@db.example:5432/latina',
      password: 's@cret',
    });
    expect(splitPassword('postgres://trainer@db.example/latina').password).toBeNull();
  });

  it('keeps the browser host secrets in a file only the user can read', () => {
    const store = createFileSecretStore(dir.path);
    store.set('postgres_password', 'hunter2');
    expect(statSync(join(dir.path, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(createFileSecretStore(dir.path).get('postgres_password')).toBe('hunter2');
    store.set('postgres_password', null);
    expect(store.get('postgres_password')).toBeNull();
  });

  it('never writes a sync password or secret key into SQLite or the log', async () => {
    const data = tempDir();
    const secrets = createMemorySecretStore();
    const logged: string[] = [];
    const service = await startService(data.path, { secrets, log: (message) => logged.push(message) });
    try {
      // Port 9 (discard) on loopback: nothing answers, so the sync goes offline, which is fine here.
      const view = await service.call('sync.configure', {
        postgres: { connection_string: 'postgres://trainer:pg-Secret-123@127.0.0.1:9/latina' },
        s3: { endpoint: 'http://127.0.0.1:9', region: 'us-east-1', bucket: 'latina', force_path_style: true, access_key_id: 'AKIA1', secret_access_key: 's3-Secret-456' },
      });
      expect(view.postgres).toEqual({ connection_string: 'postgres://trainer@127.0.0.1:9/latina', has_password: true });
      expect(view.s3).toMatchObject({ access_key_id: 'AKIA1', has_secret: true });
      expect(JSON.stringify(view)).not.toMatch(/Secret-/);
      expect(secrets.get('postgres_password')).toBe('pg-Secret-123');
      expect(secrets.get('s3_secret_access_key')).toBe('s3-Secret-456');
      const attempt = await service.call('sync.now', {});
      expect(attempt.status.state).toBe('offline');
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.join('\n')).not.toMatch(/Secret-/);
      service.store.forTests().pragma('wal_checkpoint(TRUNCATE)');
      const database = readFileSync(join(data.path, 'latina.sqlite')).toString('latin1');
      expect(database).toContain('AKIA1');
      expect(database).not.toContain('pg-Secret-123');
      expect(database).not.toContain('s3-Secret-456');
      await expect(service.call('sync.configure', { postgres: { connection_string: 'mysql://x' }, s3: null })).rejects.toMatchObject({
        code: 'invalid_input',
      });
    } finally {
      await service.close();
      data.remove();
    }
  });
});
