// The reward model's worker thread: classical features (pure JavaScript, ~0.1 s an image) and
// training (seconds to minutes) run here, so neither blocks the main process that answers the UI.
import { parentPort } from 'node:worker_threads';
import { decodeForFeatures, UndecodableImageError } from './decode';
import { trainEnsemble } from './math/ensemble';
import { classicalFeatures } from './math/features';
import { ensembleToOnnx } from './math/onnx-head';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  if (request.kind === 'features') {
    const input = typeof request.input === 'string' ? request.input : Buffer.from(request.input.buffer, request.input.byteOffset, request.input.byteLength);
    const raster = await decodeForFeatures(input, request.label);
    return { id: request.id, ok: true, features: classicalFeatures(raster) };
  }
  const training = trainEnsemble(request.samples, request.options);
  return { id: request.id, ok: true, train: { training, onnx: ensembleToOnnx(training.ensemble, request.metadata) } };
}

parentPort!.on('message', (request: WorkerRequest) => {
  handle(request)
    .catch((error: unknown): WorkerResponse => ({
      id: request.id,
      ok: false,
      error: (error as Error).message,
      undecodable: error instanceof UndecodableImageError,
    }))
    .then((response) => parentPort!.postMessage(response));
});
