import { existsSync, readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import type { Dim, TensorSpec } from './math/onnx-graph';

export type ModelProblem = 'missing' | 'unreadable' | 'wrong_signature' | 'checksum_mismatch' | 'bad_manifest';

/** A model file the app cannot use; `problem` says which kind, the message what to do. */
export class ModelFileError extends Error {
  override name = 'ModelFileError';
  constructor(
    readonly problem: ModelProblem,
    message: string,
  ) {
    super(message);
  }
}

const sameDim = (expected: Dim, actual: number | string) => (typeof expected === 'string' ? true : expected === actual);

function checkSignature(label: string, kind: 'input' | 'output', expected: TensorSpec[], actual: readonly ort.InferenceSession.ValueMetadata[]): void {
  for (const spec of expected) {
    const found = actual.find((m) => m.name === spec.name);
    if (!found) {
      throw new ModelFileError('wrong_signature', `${label} has no ${kind} "${spec.name}" (it has ${actual.map((m) => m.name).join(', ') || 'none'}). Replace the file with the one the manifest describes.`);
    }
    const shape = found.isTensor ? found.shape : [];
    // A named (symbolic) dimension in the file matches any size; a fixed one must be equal.
    const fits = shape.length === spec.shape.length && spec.shape.every((d, i) => sameDim(d, shape[i]!) || typeof shape[i] === 'string');
    if (!fits) {
      throw new ModelFileError('wrong_signature', `${label}: ${kind} "${spec.name}" has shape [${shape.join(', ')}], expected [${spec.shape.join(', ')}]. Replace the file with the one the manifest describes.`);
    }
  }
}

/**
 * Opens an ONNX model with onnxruntime-node and checks its input and output names and shapes, so
 * a truncated, foreign or wrong-shaped file is refused with a message instead of failing later.
 */
export async function openOnnxSession(
  source: string | Uint8Array,
  signature: { inputs: TensorSpec[]; outputs: TensorSpec[] },
  label: string,
): Promise<ort.InferenceSession> {
  let bytes: Uint8Array;
  if (typeof source === 'string') {
    if (!existsSync(source)) throw new ModelFileError('missing', `${label} is not installed (no file ${source}).`);
    bytes = readFileSync(source);
  } else {
    bytes = source;
  }
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'all', intraOpNumThreads: 1 });
  } catch (error) {
    throw new ModelFileError('unreadable', `${label} is not a valid ONNX model (${(error as Error).message.split('\n')[0]}). It may be truncated: download or train it again.`);
  }
  try {
    checkSignature(label, 'input', signature.inputs, session.inputMetadata);
    checkSignature(label, 'output', signature.outputs, session.outputMetadata);
  } catch (error) {
    await session.release();
    throw error;
  }
  return session;
}

export async function runFloat(session: ort.InferenceSession, input: string, data: Float32Array, dims: number[], output: string): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const result = await session.run({ [input]: new ort.Tensor('float32', data, dims) });
  const tensor = result[output]!;
  return { data: tensor.data as Float32Array, dims: tensor.dims };
}

export type OnnxSession = ort.InferenceSession;
