/**
 * Where passwords and keys live: never in SQLite, logs or exports. The Electron host backs this with
 * the OS keychain (safeStorage); the browser host with a file only the user can read.
 */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string | null): void;
}

/** Keeps secrets in memory only: for tests, and for hosts that must not persist them. */
export function createMemorySecretStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    get: (name) => values.get(name) ?? null,
    set: (name, value) => void (value === null ? values.delete(name) : values.set(name, value)),
  };
}
