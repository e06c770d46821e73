import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../core/host/instance-lock';
import { rpc, startHost } from '../helpers/host';
import { repoRoot } from '../helpers/service';
import { tempDir } from '../helpers/temp';

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));
function folder(): string {
  const d = tempDir('latina-lock-');
  dirs.push(d);
  return d.path;
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((done) => child.once('exit', done));
  return child.pid!;
}

function writeStaleLock(dir: string, pid: number): void {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, started_at: '2026-01-01T00:00:00.000Z', hostname: hostname() }));
}

// Each test starts up to three real host processes one after another; on a loaded 2-core machine one
// start can take 10 s or more, so these tests get a larger budget than the suite's 30 s default.
describe('one workstation process per data folder (real processes)', { timeout: 120_000 }, () => {
  it('a second browser host on the same folder exits with a message naming the first, which keeps serving', async () => {
    const dir = folder();
    const first = await startHost(dir);
    try {
      const second = await startHost(dir).then(
        (h) => h.stop().then(() => 'started'),
        (error: Error) => error.message,
      );
      expect(second).toMatch(/host exited with 1/);
      expect(second).toContain(`process ${first.pid} on ${hostname()}`);
      expect(second).toContain(`delete ${join(dir, LOCK_FILE)}`);
      expect(await rpc<{ ready: number }>(first, 'queue.state')).toHaveProperty('ready');
    } finally {
      await first.stop();
    }
    // A clean exit releases the lock, so the next start needs no clean-up.
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const again = await startHost(dir);
    await again.stop();
  });

  it('a host takes over a lock left by a process that is gone', async () => {
    const dir = folder();
    writeStaleLock(dir, await deadPid());
    const host = await startHost(dir);
    try {
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(host.pid);
    } finally {
      await host.stop();
    }
  });

  it('of several processes that find the same stale lock at once, exactly one takes it', async () => {
    const dir = folder();
    writeStaleLock(dir, await deadPid());
    const module = pathToFileURL(join(repoRoot, 'core/host/instance-lock.ts')).href;
    const script = `
      import { acquireInstanceLock } from ${JSON.stringify(module)};
      try { acquireInstanceLock(${JSON.stringify(dir)}); console.log('held'); }
      catch (error) { console.log(error.code ?? error.message); }
      process.stdin.resume();`;
    const children = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    try {
      const answers = await Promise.all(
        children.map(
          (child) =>
            new Promise<string>((done) => {
              let out = '';
              child.stdout.on('data', (chunk: Buffer) => {
                out += chunk.toString();
                if (out.includes('\n')) done(out.trim());
              });
            }),
        ),
      );
      expect([...answers].sort()).toEqual(['data_folder_in_use', 'data_folder_in_use', 'data_folder_in_use', 'held']);
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(children[answers.indexOf('held')]!.pid);
    } finally {
      for (const child of children) child.stdin.end();
      await Promise.all(children.map((child) => new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(null)))));
    }
  });
});
