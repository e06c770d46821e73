import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PromptVersion } from './types';

// The run-time prompt files in the data folder (the seed's `prompts/` tree): `versions/vX.Y.Z.json`
// (immutable once written: other workstations hold the same text), `versions/current.json`, and
// `experiments/experiment_NNN.json` for the paired tests. Every write goes through a temporary
// file and a rename, so a crash leaves the old file or the new one, never half of one.

function writeAtomic(file: string, text: string): void {
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Writes a new version file; refuses to overwrite one (versions never change once made). */
export function writeVersionFile(dir: string, version: PromptVersion): { file: string; sha256: string } {
  mkdirSync(dir, { recursive: true });
  const file = `${version.version}.json`;
  if (existsSync(join(dir, file))) throw new Error(`Prompt version ${version.version} exists already; versions are never overwritten.`);
  const text = `${JSON.stringify(version, null, 2)}\n`;
  writeAtomic(join(dir, file), text);
  return { file, sha256: createHash('sha256').update(text).digest('hex') };
}

export function writeCurrentFile(dir: string, version: string): void {
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, 'current.json'), `${JSON.stringify({ version }, null, 2)}\n`);
}

const EXPERIMENT_FILE = /^experiment_(\d{3,})\.json$/;

/** The next free `experiment_NNN.json` number in `dir` (001 first). */
export function nextExperimentNumber(dir: string): number {
  if (!existsSync(dir)) return 1;
  const used = readdirSync(dir).map((f) => EXPERIMENT_FILE.exec(f)).filter((m) => m !== null).map((m) => Number(m[1]));
  return used.length ? Math.max(...used) + 1 : 1;
}

export const experimentFileName = (n: number): string => `experiment_${String(n).padStart(3, '0')}.json`;

/** Writes (or rewrites, as the test progresses) one paired test's record. */
export function writeExperimentFile(dir: string, n: number, record: unknown): string {
  mkdirSync(dir, { recursive: true });
  const file = experimentFileName(n);
  writeAtomic(join(dir, file), `${JSON.stringify(record, null, 2)}\n`);
  return file;
}
