import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStore } from '../service';

/**
 * The browser host's secret store: a JSON file in the data dir, readable and writable by the user
 * only (0600), replaced atomically. Electron uses the OS keychain instead (electron/secrets.ts).
 */
export function createFileSecretStore(dataDir: string): SecretStore {
  const file = join(dataDir, 'secrets.json');
  const read = (): Record<string, string> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {});
  return {
    get: (name) => read()[name] ?? null,
    set(name, value) {
      const all = read();
      if (value === null) delete all[name];
      else all[name] = value;
      const temp = `${file}.tmp`;
      writeFileSync(temp, JSON.stringify(all), { mode: 0o600 });
      chmodSync(temp, 0o600);
      renameSync(temp, file);
    },
  };
}
