import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireInstanceLock, DataFolderInUseError, LOCK_FILE, processIsAlive } from '../../../core/host/instance-lock';
import { tempDir } from '../../helpers/temp';

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));
function folder(): string {
  const d = tempDir('latina-lock-');
  dirs.push(d);
  return d.path;
}

const HOST = 'workstation-1';
const started = new Date('2026-03-01T09:00:00.000Z');
const alive = (pids: number[]) => (pid: number) => pids.includes(pid);
const lockFile = (dir: string) => join(dir, LOCK_FILE);
const writeLock = (dir: string, holder: object) => writeFileSync(lockFile(dir), JSON.stringify(holder));

describe('data folder lock', () => {
  it('writes the pid, start time and machine, and removes the file on release', () => {
    const dir = folder();
    const lock = acquireInstanceLock(dir, { pid: 4242, startedAt: started, hostname: HOST });
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8'))).toEqual({ pid: 4242, started_at: '2026-03-01T09:00:00.000Z', hostname: HOST });
    lock.release();
    expect(existsSync(lockFile(dir))).toBe(false);
    lock.release();
  });

  it('refuses a second holder while the first is alive, naming it and what to do', () => {
    const dir = folder();
    acquireInstanceLock(dir, { pid: 100, startedAt: started, hostname: HOST, isAlive: alive([100, 200]) });
    const error = (() => {
      try {
        acquireInstanceLock(dir, { pid: 200, hostname: HOST, isAlive: alive([100, 200]) });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DataFolderInUseError);
    expect((error as DataFolderInUseError).holder.pid).toBe(100);
    expect((error as Error).message).toContain('process 100 on workstation-1, started 2026-03-01T09:00:00.000Z');
    expect((error as Error).message).toContain(`delete ${lockFile(dir)}`);
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).pid).toBe(100);
  });

  it('takes over a lock whose process is gone', () => {
    const dir = folder();
    writeLock(dir, { pid: 100, started_at: started.toISOString(), hostname: HOST });
    const lock = acquireInstanceLock(dir, { pid: 200, hostname: HOST, isAlive: alive([200]) });
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).pid).toBe(200);
    expect(lock.holder.pid).toBe(200);
  });

  it('takes over a lock that carries our own pid (left by an earlier process that had it)', () => {
    const dir = folder();
    writeLock(dir, { pid: 300, started_at: started.toISOString(), hostname: HOST });
    const lock = acquireInstanceLock(dir, { pid: 300, startedAt: new Date('2026-03-02T00:00:00Z'), hostname: HOST, isAlive: alive([300]) });
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).started_at).toBe('2026-03-02T00:00:00.000Z');
    lock.release();
  });

  it('leaves alone a lock that another process put in place of the stale one while we looked at it', () => {
    const dir = folder();
    writeLock(dir, { pid: 100, started_at: started.toISOString(), hostname: HOST });
    let raced = false;
    // The liveness check runs between reading the stale lock and moving it away: the moment a
    // process starting at the same time can replace it with its own.
    const isAlive = (pid: number) => {
      if (pid === 100 && !raced) {
        raced = true;
        writeLock(dir, { pid: 999, started_at: started.toISOString(), hostname: HOST });
        return false;
      }
      return pid === 999;
    };
    expect(() => acquireInstanceLock(dir, { pid: 200, hostname: HOST, isAlive })).toThrow(DataFolderInUseError);
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).pid).toBe(999);
  });

  it('replaces a lock file that is not a lock (empty or foreign)', () => {
    const dir = folder();
    writeFileSync(lockFile(dir), '');
    expect(acquireInstanceLock(dir, { pid: 1, hostname: HOST, isAlive: alive([]) }).holder.pid).toBe(1);
  });

  it('honours a lock from another machine, whose process cannot be checked from here', () => {
    const dir = folder();
    writeLock(dir, { pid: 100, started_at: started.toISOString(), hostname: 'other-machine' });
    expect(() => acquireInstanceLock(dir, { pid: 200, hostname: HOST, isAlive: alive([]) })).toThrow(/process 100 on other-machine/);
  });

  it('release leaves a lock that another process has taken since', () => {
    const dir = folder();
    const first = acquireInstanceLock(dir, { pid: 100, hostname: HOST });
    writeLock(dir, { pid: 200, started_at: started.toISOString(), hostname: HOST });
    first.release();
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).pid).toBe(200);
  });

  it('creates a missing data folder, and leaves no temporary files behind', () => {
    const dir = join(folder(), 'nested', 'data');
    const lock = acquireInstanceLock(dir, { pid: 5, hostname: HOST });
    writeLock(dir, { pid: 6, started_at: started.toISOString(), hostname: HOST });
    acquireInstanceLock(dir, { pid: 7, hostname: HOST, isAlive: alive([7]) });
    lock.release();
    expect(readFileSync(lockFile(dir), 'utf8')).toContain('"pid":7');
    expect(existsSync(`${lockFile(dir)}.7.tmp`) || existsSync(`${lockFile(dir)}.7.stale`)).toBe(false);
  });

  it('sees this process as alive and an exited one as gone', () => {
    expect(processIsAlive(process.pid)).toBe(true);
    expect(processIsAlive(2 ** 22 + 17)).toBe(false);
  });
});
