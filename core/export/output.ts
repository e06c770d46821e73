import { randomBytes, createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { ExportError, writeFailure } from './errors';

export const PARTIAL_MARK = '.partial-';

/**
 * Refuses an output folder that holds anything (an export never mixes with or replaces files),
 * and makes the temporary folder beside it, on the same disk so the final rename is atomic.
 */
export async function startOutput(out: string): Promise<string> {
  const target = path.resolve(out);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) {
      throw new ExportError('output_not_empty', `${out} is a file, not a folder. Choose a new folder name for the dataset.`);
    }
    if (readdirSync(target).length > 0) {
      throw new ExportError('output_not_empty', `The folder ${out} is not empty. Choose a new or empty folder; nothing in it was changed.`);
    }
  }
  const temp = `${target}${PARTIAL_MARK}${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(temp, { recursive: true });
  } catch (error) {
    throw writeFailure(error, out);
  }
  return temp;
}

/** Gives the finished dataset its real name in one rename: a folder under that name is always complete. */
export async function finishOutput(temp: string, out: string): Promise<void> {
  const target = path.resolve(out);
  try {
    if (existsSync(target)) await rmdir(target);
    await rename(temp, target);
  } catch (error) {
    throw writeFailure(error, out);
  }
}

export async function discardOutput(temp: string): Promise<void> {
  await rm(temp, { recursive: true, force: true });
}

/** Every file under `dir` as a path relative to it with forward slashes, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

export interface FileFacts {
  sha256: string;
  bytes: number;
}

export function sha256OfFile(file: string): Promise<FileFacts> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let bytes = 0;
    createReadStream(file)
      .on('data', (chunk) => {
        hash.update(chunk);
        bytes += chunk.length;
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: hash.digest('hex'), bytes }));
  });
}

export interface ManifestEntry {
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * `manifest.json`: the sha256 and size of every other file, so a copy can be checked file by file.
 * Written entry by entry, so a dataset of many images does not hold its manifest in memory.
 * Files hashed while they were written (`known`) are not read again.
 */
export async function writeManifest(
  dir: string,
  known: ReadonlyMap<string, FileFacts>,
  onFile: (done: number, total: number) => void,
  checkCancelled: () => void,
): Promise<{ files: number; bytes: number }> {
  const files = await listFiles(dir);
  const handle = await open(path.join(dir, 'manifest.json'), 'wx');
  let bytes = 0;
  try {
    await handle.write('{"algorithm":"sha256","files":[\n');
    for (const [i, file] of files.entries()) {
      checkCancelled();
      const facts = known.get(file) ?? (await sha256OfFile(path.join(dir, file)));
      const entry: ManifestEntry = { path: file, ...facts };
      await handle.write(`${i === 0 ? '' : ',\n'}${JSON.stringify(entry)}`);
      bytes += facts.bytes;
      onFile(i + 1, files.length);
    }
    await handle.write('\n]}\n');
  } finally {
    await handle.close();
  }
  return { files: files.length + 1, bytes };
}
