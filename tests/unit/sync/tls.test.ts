import { afterAll, describe, expect, it } from 'vitest';
import { createImageStore } from '../../../core/images';
import { openStore } from '../../../core/store';
import { createSync, decideTls, isLoopbackHost } from '../../../core/sync';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());

const mode = (url: string) => new URL(decideTls(url).connectionString).searchParams.get('sslmode');

describe('PostgreSQL TLS decision', () => {
  it('asks for verify-full for a server off this machine when the connection string names no mode', () => {
    const decided = decideTls('postgres://ana:s%40cret@db.studio.example:5433/latina');
    expect(decided).toMatchObject({ mode: 'verify-full', warning: null });
    const url = new URL(decided.connectionString);
    expect(url.searchParams.get('sslmode')).toBe('verify-full');
    // Nothing else of the string changes.
    expect([url.username, url.password, url.host, url.pathname]).toEqual(['ana', 's%40cret', 'db.studio.example:5433', '/latina']);
    expect(mode('postgres://ana@10.0.0.7/latina')).toBe('verify-full');
    expect(mode('postgres://ana@[2001:db8::1]/latina')).toBe('verify-full');
    // A host given as a parameter counts, not the placeholder before it.
    expect(mode('postgres://ana@localhost/latina?host=db.studio.example')).toBe('verify-full');
  });

  it('leaves a loopback host or a Unix socket without TLS, as the embedded test server needs', () => {
    for (const url of ['postgres://ana@127.0.0.1:5432/latina', 'postgres://ana@localhost/latina', 'postgres://ana@[::1]/latina', 'postgres://ana@/latina']) {
      expect(decideTls(url), url).toEqual({ connectionString: url, mode: 'none', warning: null });
    }
    expect(decideTls('/var/run/postgresql latina')).toMatchObject({ mode: 'none', warning: null });
    expect(['127.8.9.10', 'LOCALHOST', 'db.localhost', '/tmp'].every(isLoopbackHost)).toBe(true);
    expect(['127.0.0.1.example.com', 'localhost.example.com', '10.0.0.1', '::2'].some(isLoopbackHost)).toBe(false);
  });

  it('keeps a mode the connection string names, and warns when it sends data in the clear or to an unchecked server', () => {
    const plain = decideTls('postgres://ana@db.studio.example/latina?sslmode=disable');
    expect(plain.connectionString).toBe('postgres://ana@db.studio.example/latina?sslmode=disable');
    expect(plain.warning?.message).toMatch(/not encrypted \(sslmode=disable\)/);
    expect(plain.warning?.action).toMatch(/sslmode=verify-full/);
    expect(decideTls('postgres://ana@db.studio.example/latina?sslmode=no-verify').warning?.message).toMatch(/does not check the server's certificate/);
    expect(decideTls('postgres://ana@db.studio.example/latina?ssl=false')).toMatchObject({ mode: 'disable', warning: { message: expect.stringMatching(/not encrypted/) } });
    expect(decideTls('postgres://ana@db.studio.example/latina?sslmode=verify-full&sslrootcert=ca.pem')).toMatchObject({ mode: 'verify-full', warning: null });
    expect(decideTls('postgres://ana@db.studio.example/latina?ssl=true')).toMatchObject({ mode: 'verify-full', warning: null });
    // On the machine itself nothing crosses a network: no warning.
    expect(decideTls('postgres://ana@127.0.0.1/latina?sslmode=disable').warning).toBeNull();
  });

  it('shows the warning in the sync status, before any connection', () => {
    const store = openStore(`${dir.path}/tls.sqlite`);
    const sync = (connectionString: string) =>
      createSync({ store, dataDir: dir.path, images: createImageStore({ dataDir: dir.path }), config: { postgres: { connectionString }, s3: null } });
    expect(sync('postgres://ana@db.studio.example/latina?sslmode=no-verify').status().connection_warning).toMatchObject({
      message: expect.stringMatching(/sslmode=no-verify/),
    });
    expect(sync('postgres://ana@db.studio.example/latina').status().connection_warning).toBeNull();
    expect(sync('postgres://ana@127.0.0.1/latina').status().connection_warning).toBeNull();
    store.close();
  });
});
