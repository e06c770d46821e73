import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { StoredImage } from './types';

const EXTENSIONS: Record<StoredImage['mime'], string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

const SHA256 = /^[0-9a-f]{64}$/;

/** True for a lowercase hex sha256; anything else never becomes part of a path. */
export const isSha256 = (value: string): boolean => SHA256.test(value);

/** `<root>/<sha[0..2]>/<sha>.<ext>`: two hex characters fan out to 256 folders of manageable size. */
export function imageFilePath(root: string, sha256: string, mime: StoredImage['mime']): string {
  return path.join(root, sha256.slice(0, 2), `${sha256}.${EXTENSIONS[mime]}`);
}

/** Finds a stored file whatever format it was stored in. */
export function findImageFile(root: string, sha256: string): { file: string; mime: StoredImage['mime'] } | null {
  if (!isSha256(sha256)) return null;
  for (const mime of Object.keys(EXTENSIONS) as StoredImage['mime'][]) {
    const file = imageFilePath(root, sha256, mime);
    if (existsSync(file)) return { file, mime };
  }
  return null;
}

/**
 * Writes `data` to `file` so that readers only ever see the whole file or none: the bytes go to a
 * temporary file in the same folder (a rename across file systems would not be atomic), are
 * flushed to disk, and the temporary file is renamed over the target. A crash leaves at most a
 * stray `.tmp` file, never a half image under a real name.
 */
export async function writeFileAtomic(file: string, data: Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

// The rename itself lives in the folder's entry table; flushing the folder makes it survive a power
// cut. Windows cannot open folders for syncing, where NTFS journals the rename anyway.
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Removes the temporary files an interrupted `writeFileAtomic` left behind (a crash or a kill
 * between write and rename). Run once when the store opens, before anything writes; returns how
 * many it removed. The real files are untouched: only dot-named `.tmp` files are candidates.
 */
export function removeStrayTemporaryFiles(root: string): number {
  if (!existsSync(root)) return 0;
  let removed = 0;
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.startsWith('.') || !entry.name.endsWith('.tmp')) continue;
    rmSync(path.join(entry.parentPath, entry.name), { force: true });
    removed += 1;
  }
  return removed;
}
