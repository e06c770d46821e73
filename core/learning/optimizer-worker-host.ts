import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FitJob, Hyperparameters } from '../optimizer';

/** The bundle name electron-vite gives the worker entry (see electron.vite.config.ts). */
export const OPTIMIZER_WORKER_BUNDLE = 'optimizer-worker.js';

export interface FitRequest {
  id: number;
  job: FitJob;
}
export type FitResponse = { id: number; ok: true; hyperparameters: Hyperparameters } | { id: number; ok: false; error: string };

/** Runs hyperparameter fits somewhere other than the caller's event loop. */
export interface Fitter {
  fit(job: FitJob): Promise<Hyperparameters>;
  close(): Promise<void>;
}

function spawn(): Worker {
  const here = fileURLToPath(import.meta.url);
  // From source a bootstrap registers tsx and loads the TypeScript worker; the Electron build
  // ships it as its own bundle beside the main bundle.
  if (here.endsWith('.ts')) return new Worker(join(dirname(here), 'optimizer-worker-bootstrap.mjs'));
  return new Worker(join(dirname(here), OPTIMIZER_WORKER_BUNDLE));
}

/**
 * One worker thread, started on first use and restarted after a crash; it keeps the process alive
 * only while a fit is pending.
 */
export function createFitWorker(): Fitter {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(h: Hyperparameters): void; reject(error: Error): void }>();

  const fail = (error: Error) => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
    worker = null;
  };

  function ensure(): Worker {
    if (worker) return worker;
    const started = spawn();
    started.on('message', (response: FitResponse) => {
      const job = pending.get(response.id);
      pending.delete(response.id);
      if (pending.size === 0) started.unref();
      if (response.ok) job?.resolve(response.hyperparameters);
      else job?.reject(new Error(`The optimizer's fit failed: ${response.error}`));
    });
    started.on('error', (error) => fail(new Error(`The optimizer's worker crashed (${error.message}); it restarts with the next fit.`)));
    started.on('exit', (code) => {
      if (worker === started) fail(new Error(`The optimizer's worker stopped (exit code ${code}); it restarts with the next fit.`));
    });
    worker = started;
    return started;
  }

  return {
    fit(job) {
      const target = ensure();
      const id = nextId++;
      target.ref();
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        target.postMessage({ id, job } satisfies FitRequest);
      });
    },
    async close() {
      const current = worker;
      worker = null;
      fail(new Error("The optimizer's worker was closed."));
      if (current) await current.terminate();
    },
  };
}
