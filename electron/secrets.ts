import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../core/api';
import type { SecretStore } from '../core/service';

/** The part of Electron's safeStorage the store needs; tests pass a stand-in. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only. */
  getSelectedStorageBackend(): string;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
}

export interface KeychainOptions {
  platform?: NodeJS.Platform;
  warn?: (message: string) => void;
}

/**
 * Why secrets cannot be kept here, or null. On Linux without a keyring, Chromium falls back to
 * `basic_text`, a hard-coded key anyone can apply, so that backend counts as no keychain at all.
 */
export function keychainProblem(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string | null {
  if (!safeStorage.isEncryptionAvailable()) {
    return 'The system keychain is not available, so passwords and keys cannot be kept. Unlock your keychain and restart the app.';
  }
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') {
      return `No keyring protects secrets on this desktop (storage backend "${backend}"), so passwords and keys cannot be kept. Install and unlock GNOME Keyring or KWallet, then restart the app.`;
    }
  }
  return null;
}

function isSecretMap(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** Secrets encrypted with the OS keychain (safeStorage), in one file of the user-data folder. */
export function createKeychainSecretStore(userDataDir: string, safeStorage: SafeStorageLike, options: KeychainOptions = {}): SecretStore {
  const file = join(userDataDir, 'secrets.bin');
  const platform = options.platform ?? process.platform;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const warned = new Set<string>();
  const warnOnce = (message: string) => {
    if (!warned.has(message)) warn(message);
    warned.add(message);
  };
  // A keychain that cannot decrypt the file (another user, a reset keyring) loses the secrets,
  // not the app: they count as never entered, and entering them again replaces the file.
  const read = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    const problem = keychainProblem(safeStorage, platform);
    if (problem) {
      warnOnce(problem);
      return {};
    }
    try {
      const value: unknown = JSON.parse(safeStorage.decryptString(readFileSync(file)));
      if (isSecretMap(value)) return value;
    } catch {
      // Reported below, like a file that decrypts to something else.
    }
    warnOnce(`The saved passwords and keys (${file}) could not be read with this keychain, so they count as missing. Enter them again in the settings.`);
    return {};
  };
  return {
    get: (name) => read()[name] ?? null,
    set(name, value) {
      const problem = keychainProblem(safeStorage, platform);
      // Without a keychain every secret already counts as missing, so forgetting one succeeds.
      if (problem && value === null) return;
      if (problem) throw new ApiError('internal', `${problem} The secret was not saved.`);
      const all = read();
      if (value === null) delete all[name];
      else all[name] = value;
      writeFileSync(`${file}.tmp`, safeStorage.encryptString(JSON.stringify(all)), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    },
  };
}
