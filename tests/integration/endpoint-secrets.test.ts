import { afterAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../core/service';
import { startLlmStub } from '../helpers/llm-stub';
import { startService } from '../helpers/service';
import { tempDir } from '../helpers/temp';

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((dir) => dir.remove()));
async function service() {
  const dir = tempDir();
  dirs.push(dir);
  const secrets = createMemorySecretStore();
  return { service: await startService(dir.path, { secrets }), secrets };
}

describe('a stored secret follows its server, not the field', () => {
  it('never sends the stored LLM key to a new base URL', async () => {
    const [first, second] = [await startLlmStub(), await startLlmStub()];
    const { service: s } = await service();
    try {
      const ok = { kind: 'content' as const, content: '{"ok": true}' };
      first.script([ok]);
      second.script([ok]);
      await s.call('prompts.configureLlm', { llm: { base_url: first.baseUrl, model: 'stub', api_key: 'sk-first-secret' } });
      // The same server under another path keeps its key.
      expect(await s.call('prompts.configureLlm', { llm: { base_url: `${first.baseUrl}/`, model: 'stub' } })).toMatchObject({ has_key: true });
      expect(await s.call('prompts.testLlm', {})).toMatchObject({ ok: true });
      expect(first.authorizations.at(-1)).toBe('Bearer sk-first-secret');

      expect(await s.call('prompts.configureLlm', { llm: { base_url: second.baseUrl, model: 'stub' } })).toMatchObject({ has_key: false });
      await s.call('prompts.testLlm', {});
      expect(second.authorizations.length).toBeGreaterThan(0);
      expect(second.authorizations.join(' ')).not.toContain('sk-first-secret');
    } finally {
      await s.close();
      await first.close();
      await second.close();
    }
  });

  it('drops the PostgreSQL password and the S3 secret when their server changes', async () => {
    const { service: s, secrets } = await service();
    try {
      const s3 = { endpoint: 'http://127.0.0.1:9', region: 'us-east-1', bucket: 'latina', force_path_style: true, access_key_id: 'AKIA1' };
      await s.call('sync.configure', { postgres: { connection_string: 'postgres://trainer@127.0.0.1:9/latina', password: 'pg-pw' }, s3: { ...s3, secret_access_key: 's3-pw' } });
      // Another database and bucket on the same servers: the secrets stay.
      const same = await s.call('sync.configure', { postgres: { connection_string: 'postgresql://trainer@127.0.0.1:9/other' }, s3: { ...s3, bucket: 'other' } });
      expect(same).toMatchObject({ postgres: { has_password: true }, s3: { has_secret: true } });
      const moved = await s.call('sync.configure', { postgres: { connection_string: 'postgres://trainer@127.0.0.2:9/latina' }, s3: { ...s3, endpoint: 'http://127.0.0.1:10' } });
      expect(moved).toMatchObject({ postgres: { has_password: false }, s3: { has_secret: false } });
      expect(secrets.get('postgres_password')).toBeNull();
      expect(secrets.get('s3_secret_access_key')).toBeNull();
    } finally {
      await s.close();
    }
  });

  it('refuses plain http to another computer and secrets written into an address', async () => {
    const { service: s } = await service();
    try {
      const refused = (call: Promise<unknown>) => call.then(() => null, (error: { code: string; message: string }) => error);
      expect(await refused(s.call('prompts.configureLlm', { llm: { base_url: 'http://llm.example.com/v1', model: 'm', api_key: 'sk' } }))).toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('use https://'),
      });
      expect((await refused(s.call('prompts.configureLlm', { llm: { base_url: 'https://llm.example.com/v1?api_key=sk', model: 'm' } })))?.message).toContain('remove "api_key"');
      expect((await refused(s.call('sync.configure', { postgres: { connection_string: 'postgres://ana@db.example.com/latina?sslpassword=x' }, s3: null })))?.message).toContain('remove "sslpassword"');
      const s3 = { region: 'us-east-1', bucket: 'latina', force_path_style: true, access_key_id: 'AKIA1' };
      expect((await refused(s.call('sync.configure', { postgres: null, s3: { ...s3, endpoint: 'http://minio.example.com:9000' } })))?.message).toContain('use https://');
      expect((await refused(s.call('sync.configure', { postgres: null, s3: { ...s3, endpoint: 'http://ana:pw@127.0.0.1:9' } })))?.message).toContain('remove the user name and password');
      expect(await s.call('sync.getConfig', {})).toEqual({ postgres: null, s3: null });
    } finally {
      await s.close();
    }
  });
});
