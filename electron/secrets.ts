import { safeStorage } from 'electron';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStore } from '../core/service';

/** Secrets encrypted with the OS keychain (safeStorage), in one file of the user-data folder. */
export function createKeychainSecretStore(userDataDir: string): SecretStore {
  const file = join(userDataDir, 'secrets.bin');
  const read = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    return JSON.parse(safeStorage.decryptString(readFileSync(file))) as Record<string, string>;
  };
  return {
    get: (name) => read()[name] ?? null,
    set(name, value) {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new Error('The system keychain is not available, so the secret was not saved. Unlock your keychain and try again.');
      }
      const all = read();
      if (value === null) delete all[name];
      else all[name] = value;
      writeFileSync(`${file}.tmp`, safeStorage.encryptString(JSON.stringify(all)), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    },
  };
}
