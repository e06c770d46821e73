import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp';

// A data folder on a file system without hard links (FAT, some network shares), where link()
// fails with EPERM: the lock falls back to an exclusive create.
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const linkSync = () => {
    throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
  };
  return { ...fs, linkSync, default: { ...fs, linkSync } };
});

const { acquireInstanceLock, DataFolderInUseError, LOCK_FILE } = await import('../../../core/host/instance-lock');

const dir = tempDir('latina-lock-');
afterAll(() => dir.remove());
const HOST = 'workstation-1';

describe('data folder lock without hard links', () => {
  it('takes, refuses, takes over and releases all the same', () => {
    const file = join(dir.path, LOCK_FILE);
    const first = acquireInstanceLock(dir.path, { pid: 100, hostname: HOST, isAlive: (pid) => pid === 100 });
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(100);
    expect(() => acquireInstanceLock(dir.path, { pid: 200, hostname: HOST, isAlive: (pid) => pid === 100 })).toThrow(DataFolderInUseError);
    first.release();
    writeFileSync(file, JSON.stringify({ pid: 300, started_at: '2026-01-01T00:00:00.000Z', hostname: HOST }));
    const second = acquireInstanceLock(dir.path, { pid: 200, hostname: HOST, isAlive: () => false });
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(200);
    second.release();
  });
});
