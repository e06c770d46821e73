import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStore } from '../service';

/**
 * The browser host's secret store: a JSON file in the data dir, readable and writable by the user
 * only (0600), replaced atomically. Electron uses the OS keychain instead (electron/secrets.ts).
 *
 * A file that cannot be read or parsed never stops the host: its secrets count as missing (the
 * settings then show no stored password), `onProblem` says so once, and the first write moves the
 * file aside instead of overwriting it, so whoever repairs it still has it.
 */
export function createFileSecretStore(dataDir: string, onProblem: (message: string) => void = () => {}): SecretStore {
  const file = join(dataDir, 'secrets.json');
  let reported = false;
  let unreadable = false;
  const read = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
      unreadable = false;
      return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    } catch (error) {
      unreadable = true;
      if (!reported) {
        reported = true;
        onProblem(`The secrets file ${file} cannot be read (${(error as Error).message}); stored passwords and keys count as missing until they are entered again.`);
      }
      return {};
    }
  };
  return {
    get: (name) => read()[name] ?? null,
    set(name, value) {
      const all = read();
      if (unreadable) {
        const aside = `${file}.unreadable-${Date.now()}`;
        renameSync(file, aside);
        onProblem(`The unreadable secrets file was kept as ${aside}; a new one holds the secrets entered from now on.`);
        unreadable = false;
      }
      if (value === null) delete all[name];
      else all[name] = value;
      const temp = `${file}.tmp`;
      writeFileSync(temp, JSON.stringify(all), { mode: 0o600 });
      chmodSync(temp, 0o600);
      renameSync(temp, file);
    },
  };
}
