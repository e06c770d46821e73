import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';

// One workstation process per data folder: two would run two queues, two sync loops and two
// evolvers over one SQLite file. Both hosts (Electron and the browser host) take this lock first.
export const LOCK_FILE = 'latina.lock';

export interface LockHolder {
  pid: number;
  /** When the holding process started (ISO 8601), so a person can tell which one it is. */
  started_at: string;
  hostname: string;
}

export interface InstanceLock {
  file: string;
  holder: LockHolder;
  /** Removes the lock if it is still ours. Safe to call more than once. */
  release(): void;
}

export interface LockOptions {
  pid?: number;
  startedAt?: Date;
  hostname?: string;
  /** Whether a process with this pid runs on this machine. */
  isAlive?: (pid: number) => boolean;
}

export class DataFolderInUseError extends Error {
  readonly code = 'data_folder_in_use';
  constructor(
    readonly holder: LockHolder,
    readonly file: string,
  ) {
    super(
      `Another Latina Rating Workstation (process ${holder.pid} on ${holder.hostname}, started ${holder.started_at}) ` +
        `is using this data folder. Switch to that window, or stop that process and start again. ` +
        `If no such process is running, delete ${file} and start again.`,
    );
    this.name = 'DataFolderInUseError';
  }
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (errno(error) === 'ENOENT') return null;
    throw error;
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isInteger(value.pid) || typeof value.started_at !== 'string' || typeof value.hostname !== 'string') return null;
    return value as LockHolder;
  } catch {
    return null;
  }
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'ENOSYS']);

/**
 * Gives `file` the content `text` only if no file has that name; false if one does. The content is
 * written aside (`staged`) and hard-linked into place: link() fails on an existing name like O_EXCL
 * and never shows another process a half-written lock. File systems without hard links (FAT, some
 * network shares) get a plain exclusive create.
 */
function placeExclusive(file: string, staged: string, text: string): boolean {
  try {
    linkSync(staged, file);
    return true;
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(errno(error) ?? '')) throw error;
  }
  try {
    writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
    return true;
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    throw error;
  }
}

function createExclusive(file: string, text: string, pid: number): boolean {
  const temp = `${file}.${pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600, flag: 'w' });
  try {
    return placeExclusive(file, temp, text);
  } finally {
    unlinkSync(temp);
  }
}

/**
 * Moves a stale lock out of the way. The rename is atomic, so of several processes that found the
 * same stale lock only one moves it; if what it moved is no longer the stale lock (another process
 * replaced it meanwhile), it is put back unless yet another lock has appeared.
 */
function removeStale(file: string, staleText: string, pid: number): void {
  const aside = `${file}.${pid}.stale`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if (errno(error) === 'ENOENT') return;
    throw error;
  }
  try {
    const moved = readFileSync(aside, 'utf8');
    if (moved !== staleText) placeExclusive(file, aside, moved);
  } finally {
    unlinkSync(aside);
  }
}

/**
 * Takes the data folder's lock or throws DataFolderInUseError naming the process that holds it.
 * A lock is stale when its process is gone, or when it carries our own pid (a process that had our
 * pid before us left it behind); a stale lock is replaced.
 */
export function acquireInstanceLock(dataDir: string, options: LockOptions = {}): InstanceLock {
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? processIsAlive;
  const holder: LockHolder = {
    pid,
    started_at: (options.startedAt ?? new Date(Date.now() - process.uptime() * 1000)).toISOString(),
    hostname: options.hostname ?? osHostname(),
  };
  const text = JSON.stringify(holder);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, LOCK_FILE);
  // Each round either takes the lock, meets a live holder, or clears one stale lock; a few rounds
  // settle any race between processes starting together.
  for (let round = 0; round < 8; round++) {
    if (createExclusive(file, text, pid)) {
      let held = true;
      return {
        file,
        holder,
        release() {
          if (!held) return;
          held = false;
          if (readText(file) === text) unlinkSync(file);
        },
      };
    }
    const existing = readText(file);
    if (existing === null) continue;
    const other = parseHolder(existing);
    // A lock from another machine (a shared folder) cannot be checked, so it is honoured.
    const stale = other === null || (other.hostname === holder.hostname && (other.pid === pid || !isAlive(other.pid)));
    if (!stale) throw new DataFolderInUseError(other, file);
    removeStale(file, existing, pid);
  }
  throw new Error(`Could not take the lock ${file}: other processes keep replacing it. Start the app once more.`);
}
