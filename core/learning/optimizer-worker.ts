// The optimizer's hyperparameter fit runs in this worker thread (100–1400 ms on a loaded machine),
// so a rating's call returns without waiting for it.
import { parentPort } from 'node:worker_threads';
import { runFitJob } from '../optimizer';
import type { FitRequest, FitResponse } from './optimizer-worker-host';

parentPort!.on('message', ({ id, job }: FitRequest) => {
  let response: FitResponse;
  try {
    response = { id, ok: true, hyperparameters: runFitJob(job) };
  } catch (error) {
    response = { id, ok: false, error: (error as Error).message };
  }
  parentPort!.postMessage(response);
});
