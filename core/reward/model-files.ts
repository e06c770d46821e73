import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HEAD_INPUT, HEAD_OUTPUT } from './math/onnx-head';
import { ModelFileError, openOnnxSession, runFloat, type OnnxSession } from './onnx-session';
import { summarise, type Prediction } from './math/ensemble';

/** Trained models live in `<dataDir>/models/`, one ONNX file each, named by the model id. */
export const modelsFolder = (dataDir: string) => join(dataDir, 'models');

export function writeModelFile(dataDir: string, id: string, bytes: Uint8Array): { file: string; sha256: string } {
  const dir = modelsFolder(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = `${id}.onnx`;
  // Written aside and renamed, so a crash mid-write never leaves a truncated model under its name.
  const temporary = join(dir, `${file}.partial`);
  writeFileSync(temporary, bytes);
  renameSync(temporary, join(dir, file));
  return { file, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Removes model files other than `keep` (the latest few): one is written every 10 rated images. */
export function pruneModelFiles(dataDir: string, keep: readonly string[]): void {
  const dir = modelsFolder(dataDir);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (/\.onnx(\.partial)?$/.test(name) && !keep.includes(name)) rmSync(join(dir, name), { force: true });
  }
}

export interface RewardModelSession {
  features: number;
  heads: number;
  predict(rows: readonly Float32Array[]): Promise<Prediction[]>;
  close(): Promise<void>;
}

/** Opens a trained model file for inference, checking its checksum and its signature first. */
export async function openModelFile(dataDir: string, file: string, expected: { sha256: string; features: number; heads: number }): Promise<RewardModelSession> {
  const path = join(modelsFolder(dataDir), file);
  if (!existsSync(path)) throw new ModelFileError('missing', `The trained model file ${file} is missing; the model is trained again from the ratings.`);
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== expected.sha256) throw new ModelFileError('checksum_mismatch', `The trained model file ${file} was changed or truncated; the model is trained again from the ratings.`);
  const session: OnnxSession = await openOnnxSession(
    bytes,
    { inputs: [{ name: HEAD_INPUT, shape: ['batch', expected.features] }], outputs: [{ name: HEAD_OUTPUT, shape: ['batch', expected.heads] }] },
    `The trained model ${file}`,
  );
  return {
    features: expected.features,
    heads: expected.heads,
    async predict(rows) {
      if (rows.length === 0) return [];
      const input = new Float32Array(rows.length * expected.features);
      rows.forEach((row, i) => {
        if (row.length !== expected.features) throw new Error(`a feature vector has ${row.length} values, the model expects ${expected.features}`);
        input.set(row, i * expected.features);
      });
      const { data } = await runFloat(session, HEAD_INPUT, input, [rows.length, expected.features], HEAD_OUTPUT);
      return rows.map((_, i) => summarise([...data.subarray(i * expected.heads, (i + 1) * expected.heads)]));
    },
    close: () => session.release(),
  };
}
