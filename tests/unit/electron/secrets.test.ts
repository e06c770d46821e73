import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeychainSecretStore, keychainProblem, type SafeStorageLike } from '../../../electron/secrets';
import { tempDir } from '../../helpers/temp';

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));
function folder(): string {
  const d = tempDir('latina-keychain-');
  dirs.push(d);
  return d.path;
}

/**
 * Stands in for Electron's safeStorage, which needs a running Electron: an encryption keyed by a
 * keychain identity, so a file written under one keychain does not decrypt under another.
 */
function keychain(options: { key?: number; available?: boolean; backend?: string } = {}): SafeStorageLike {
  const key = options.key ?? 7;
  const flip = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ key));
  return {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: (text) => Buffer.concat([Buffer.from([key]), flip(Buffer.from(text))]),
    decryptString(data) {
      if (data[0] !== key) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return flip(data.subarray(1)).toString();
    },
  };
}

describe('secrets in the OS keychain', () => {
  it('keeps, reads back and forgets a secret', () => {
    const dir = folder();
    const store = createKeychainSecretStore(dir, keychain(), { platform: 'linux' });
    store.set('llm_api_key', 'sk-test');
    expect(createKeychainSecretStore(dir, keychain(), { platform: 'linux' }).get('llm_api_key')).toBe('sk-test');
    store.set('llm_api_key', null);
    expect(store.get('llm_api_key')).toBeNull();
  });

  it('on Linux refuses the basic_text backend: nothing is written, and the message says what to do', () => {
    const dir = folder();
    const store = createKeychainSecretStore(dir, keychain({ backend: 'basic_text' }), { platform: 'linux', warn: () => {} });
    expect(() => store.set('postgres_password', 'hunter2')).toThrow(/storage backend "basic_text".*GNOME Keyring or KWallet.*not saved/);
    expect(existsSync(join(dir, 'secrets.bin'))).toBe(false);
    expect(store.get('postgres_password')).toBeNull();
    expect(() => store.set('postgres_password', null)).not.toThrow();
  });

  it('treats secrets as unavailable under basic_text even when a file exists, and says so once', () => {
    const dir = folder();
    createKeychainSecretStore(dir, keychain(), { platform: 'linux' }).set('postgres_password', 'hunter2');
    const warnings: string[] = [];
    const store = createKeychainSecretStore(dir, keychain({ backend: 'basic_text' }), { platform: 'linux', warn: (m) => warnings.push(m) });
    expect(store.get('postgres_password')).toBeNull();
    expect(store.get('postgres_password')).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('basic_text');
  });

  it('asks for the backend on Linux only', () => {
    const noBackend = { ...keychain(), getSelectedStorageBackend: () => { throw new Error('Linux only'); } };
    expect(keychainProblem(noBackend, 'darwin')).toBeNull();
    expect(keychainProblem(noBackend, 'win32')).toBeNull();
    expect(keychainProblem(keychain({ backend: 'kwallet5' }), 'linux')).toBeNull();
    expect(keychainProblem(keychain({ backend: 'unknown' }), 'linux')).toMatch(/"unknown"/);
    expect(keychainProblem(keychain({ available: false }), 'darwin')).toMatch(/keychain is not available/);
  });

  it('a file this keychain cannot decrypt counts as missing secrets, not a crash, and a new secret replaces it', () => {
    const dir = folder();
    createKeychainSecretStore(dir, keychain({ key: 1 }), { platform: 'win32' }).set('s3_secret', 'old');
    const warnings: string[] = [];
    const store = createKeychainSecretStore(dir, keychain({ key: 2 }), { platform: 'win32', warn: (m) => warnings.push(m) });
    expect(store.get('s3_secret')).toBeNull();
    expect(warnings[0]).toMatch(/could not be read with this keychain.*Enter them again/);
    store.set('s3_secret', 'new');
    expect(store.get('s3_secret')).toBe('new');
  });

  it('a file that decrypts to something other than secrets counts as missing too', () => {
    const dir = folder();
    const safe = keychain();
    for (const text of ['not json', '[1,2]', '{"a":1}', 'null']) {
      writeFileSync(join(dir, 'secrets.bin'), safe.encryptString(text));
      expect(createKeychainSecretStore(dir, safe, { platform: 'darwin', warn: () => {} }).get('a')).toBeNull();
    }
  });
});
