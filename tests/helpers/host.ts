import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningHost {
  /** The URL the host printed, token included. */
  url: string;
  origin: string;
  token: string;
  pid: number;
  child: ChildProcess;
  /** Milliseconds from spawn to the printed URL. */
  startupMs: number;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/** Starts the real browser host (`core/host/cli.ts`) as its own process on a throwaway data dir. */
export function startHost(dataDir: string, args: string[] = []): Promise<RunningHost> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'core/host/cli.ts'), '--no-open', '--port', '0', ...args], {
    cwd: repoRoot,
    env: { ...process.env, LATINA_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolveHost, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`host did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving at (http:\/\/127\.0\.0\.1:\d+)\/\?token=([0-9a-f]+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolveHost({
        url: `${match[1]}/?token=${match[2]}`,
        origin: match[1]!,
        token: match[2]!,
        pid: child.pid!,
        child,
        startupMs: performance.now() - started,
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
        async kill() {
          if (child.exitCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output}`));
    });
  });
}

/** Calls the contract over HTTP the way a script would (bearer token). */
export async function rpc<T = unknown>(host: Pick<RunningHost, 'origin' | 'token'>, name: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${host.origin}/rpc/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; result?: T; error?: { code: string; message: string } };
  if (!body.ok) throw Object.assign(new Error(body.error!.message), { code: body.error!.code, status: response.status });
  return body.result as T;
}
