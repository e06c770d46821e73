import type { EnsembleOptions, EnsembleTraining, RewardSample } from './math/ensemble';

/** Messages between the service and the reward worker thread (structured-clone safe). */
export type WorkerRequest =
  | { id: number; kind: 'features'; input: string | Uint8Array; label: string }
  | { id: number; kind: 'train'; samples: RewardSample[]; options: EnsembleOptions; metadata: Record<string, string> };

export interface TrainResult {
  training: EnsembleTraining;
  onnx: Uint8Array;
}

export type WorkerResponse =
  | { id: number; ok: true; features?: Float32Array; train?: TrainResult }
  | { id: number; ok: false; error: string; undecodable?: boolean };
