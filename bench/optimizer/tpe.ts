import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ProviderId } from '../../core/api';
import type { Unit } from './landscapes';

/**
 * Optuna's TPE, the optimizer trainers would otherwise reach for, run by Python (`tpe.py`) over
 * JSON lines. Debian packages it as python3-optuna for the system interpreter, which may not be
 * the first python3 on PATH; BENCH_PYTHON names another.
 */

const SCRIPT = fileURLToPath(new URL('./tpe.py', import.meta.url));
const CANDIDATES = process.env.BENCH_PYTHON ? [process.env.BENCH_PYTHON] : ['python3', '/usr/bin/python3'];

/** The first interpreter that imports optuna, or null (the benchmark then skips TPE and says why). */
export function findOptunaPython(): string | null {
  for (const python of CANDIDATES) {
    const probe = spawnSync(python, ['-c', 'import optuna'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return null;
}

export const TPE_MISSING_NOTE = `TPE skipped: no python3 here imports optuna (Debian: apt-get install python3-optuna; or set BENCH_PYTHON).`;

export interface TpeStudy {
  ask(): Promise<{ trial: number; provider: ProviderId; u: Unit }>;
  tell(trial: number, value: number): Promise<void>;
  best(): Promise<{ provider: ProviderId; u: Unit }>;
  drop(): Promise<void>;
}

/** One Python process answering requests in order; studies are independent within it. */
export function startTpe(python: string) {
  const child: ChildProcessWithoutNullStreams = spawn(python, [SCRIPT]);
  const waiting: { resolve: (value: unknown) => void; reject: (error: Error) => void }[] = [];
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const answer = JSON.parse(buffered.slice(0, end)) as { error?: string };
      buffered = buffered.slice(end + 1);
      const next = waiting.shift()!;
      if (answer.error) next.reject(new Error(`tpe.py: ${answer.error}`));
      else next.resolve(answer);
    }
  });
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`tpe.py exited with code ${String(code)}`));
  });
  const request = <T>(message: object) =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ resolve: resolve as (value: unknown) => void, reject });
      child.stdin.write(`${JSON.stringify(message)}\n`);
    });
  let studies = 0;
  return {
    async study(seed: number, providers: readonly ProviderId[]): Promise<TpeStudy> {
      const id = ++studies;
      await request({ op: 'new', id, seed, providers });
      return {
        ask: () => request({ op: 'ask', id }),
        tell: (trial, value) => request({ op: 'tell', id, trial, value }),
        best: () => request({ op: 'best', id }),
        drop: () => request({ op: 'drop', id }),
      };
    },
    stop: () => child.stdin.end(),
  };
}
export type TpeProcess = ReturnType<typeof startTpe>;
