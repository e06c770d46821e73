import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PulledPromptVersion } from '../store';

/** Version names that may become file names (the prompt library's own rule). */
export const VERSION_NAME = /^v\d+\.\d+\.\d+$/;

async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Versions made on other workstations land in the data folder's `prompts/versions/` (the layout of
 * DESIGN.md §3), where the prompt library finds them on its next load. Versions are immutable: a
 * file already there is never overwritten.
 */
export async function writePulledVersion(
  dir: string,
  row: { version: string; text: string; parent_version: string | null; created_at: string; created_by: string },
): Promise<PulledPromptVersion> {
  const file = `${row.version}.json`;
  const path = join(dir, file);
  await mkdir(dir, { recursive: true });
  if (!existsSync(path)) await writeAtomic(path, row.text);
  const text = readFileSync(path, 'utf8');
  return {
    version: row.version,
    file,
    parent_version: row.parent_version,
    created_at: row.created_at,
    created_by: row.created_by,
    sha256: createHash('sha256').update(text).digest('hex'),
  };
}

/** Points `current.json` (a file, not a symlink: Windows) at the version the admins chose last. */
export async function writeCurrentPointer(dir: string, version: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeAtomic(join(dir, 'current.json'), `${JSON.stringify({ version }, null, 2)}\n`);
}
