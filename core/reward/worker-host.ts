import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UndecodableImageError } from './decode';
import type { EnsembleOptions, RewardSample } from './math/ensemble';
import type { TrainResult, WorkerRequest, WorkerResponse } from './worker-protocol';

/** The bundle name electron-vite gives the worker entry (see electron.vite.config.ts). */
export const WORKER_BUNDLE = 'reward-worker.js';

function spawn(): Worker {
  const here = fileURLToPath(import.meta.url);
  // From source (npm run serve, tests, benchmarks) a bootstrap registers tsx and loads the
  // TypeScript worker; the Electron build ships it as its own bundle beside the main bundle.
  if (here.endsWith('.ts')) return new Worker(join(dirname(here), 'worker-bootstrap.mjs'));
  return new Worker(join(dirname(here), WORKER_BUNDLE));
}

type WorkerRequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

type Pending = { resolve(value: WorkerResponse): void; reject(error: Error): void };

/** What a job sent after `close()` rejects with: the app is closing, so no thread is started again. */
export const WORKER_CLOSED = 'The reward-model worker is closed: the app is closing, and the next start trains again.';

/**
 * One worker thread, started on first use and restarted after a crash. Jobs queue in the worker
 * in order; the thread keeps the process alive only while a job is pending. Closing it ends the
 * thread at once, whatever it is computing: a training can take half a minute, and a closing app
 * must not wait for a model it would not use.
 */
export function createRewardWorker() {
  let worker: Worker | null = null;
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const fail = (error: Error) => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
    worker = null;
  };

  function ensure(): Worker {
    if (worker) return worker;
    const started = spawn();
    started.on('message', (response: WorkerResponse) => {
      const job = pending.get(response.id);
      pending.delete(response.id);
      if (pending.size === 0) started.unref();
      job?.resolve(response);
    });
    started.on('error', (error) => fail(new Error(`The reward-model worker crashed (${error.message}); it restarts with the next job.`)));
    started.on('exit', (code) => {
      if (worker === started) fail(new Error(`The reward-model worker stopped (exit code ${code}); it restarts with the next job.`));
    });
    worker = started;
    return started;
  }

  function send(request: WorkerRequestBody): Promise<WorkerResponse> {
    if (closed) return Promise.reject(new Error(WORKER_CLOSED));
    const target = ensure();
    const id = nextId++;
    target.ref();
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      target.postMessage({ ...request, id });
    });
  }

  return {
    /** Classical features of an image file or bytes; an undecodable image rejects with UndecodableImageError. */
    async features(input: string | Uint8Array, label: string): Promise<Float32Array> {
      const response = await send({ kind: 'features', input, label });
      if (!response.ok) throw response.undecodable ? new UndecodableImageError(response.error) : new Error(response.error);
      return response.features!;
    },
    async train(samples: RewardSample[], options: EnsembleOptions, metadata: Record<string, string>): Promise<TrainResult> {
      const response = await send({ kind: 'train', samples, options, metadata });
      if (!response.ok) throw new Error(`Training failed: ${response.error}`);
      return response.train!;
    },
    /** Ends the thread now: pending jobs reject with WORKER_CLOSED, and so does every later one. */
    async close(): Promise<void> {
      closed = true;
      const current = worker;
      worker = null;
      fail(new Error(WORKER_CLOSED));
      if (current) await current.terminate();
    },
  };
}
export type RewardWorker = ReturnType<typeof createRewardWorker>;
