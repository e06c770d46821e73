import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const DATABASE_FILES = ['latina.sqlite', 'latina.sqlite-wal', 'latina.sqlite-shm'];

/**
 * Makes the data folder private to the user: ratings, comments and the secrets file live there.
 * The umask covers everything the host creates from now on (SQLite gives its -wal and -shm files
 * the database's mode); the chmods tighten a folder and database an older version left readable.
 */
export function preparePrivateDataDir(dataDir: string): void {
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  for (const name of DATABASE_FILES) {
    const file = join(dataDir, name);
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}
