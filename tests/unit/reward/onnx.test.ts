import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../core/optimizer';
import { ModelFileError, openModelFile, openOnnxSession, predictEnsemble, writeModelFile } from '../../../core/reward';
import { fitStandardiser, type Ensemble } from '../../../core/reward/math/ensemble';
import { initHead } from '../../../core/reward/math/mlp';
import { ensembleToOnnx, HEAD_INPUT, HEAD_OUTPUT } from '../../../core/reward/math/onnx-head';
import { readOnnxMetadata } from '../../../core/reward/math/onnx-graph';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());

function randomEnsemble(d: number, heads: number, seed: number): { ensemble: Ensemble; rows: Float32Array[] } {
  const random = mulberry32(seed);
  // Features on very different scales, as the real ones are (histogram shares vs gradient sums).
  const rows = Array.from({ length: 40 }, () => Float32Array.from({ length: d }, (_, i) => random() * (i % 3 === 0 ? 100 : 1)));
  return { ensemble: { standardiser: fitStandardiser(rows), heads: Array.from({ length: heads }, () => initHead(d, random)) }, rows };
}

const expected = (ensemble: Ensemble) => ({ features: ensemble.standardiser.mean.length, heads: ensemble.heads.length });

describe('ONNX export of the reward model', () => {
  it('onnxruntime-node and the TypeScript forward pass agree to 1e-5 for every head', async () => {
    const { ensemble, rows } = randomEnsemble(204, 5, 1);
    const bytes = ensembleToOnnx(ensemble, { feature_set: 'classical-v1' });
    const { file, sha256 } = writeModelFile(dir.path, 'rwd_parity', bytes);
    const model = await openModelFile(dir.path, file, { sha256, ...expected(ensemble) });
    const predictions = await model.predict(rows);
    rows.forEach((row, i) => {
      const reference = predictEnsemble(ensemble, row);
      predictions[i]!.heads.forEach((value, h) => expect(Math.abs(value - reference.heads[h]!)).toBeLessThan(1e-5));
      expect(Math.abs(predictions[i]!.mean - reference.mean)).toBeLessThan(1e-5);
      expect(Math.abs(predictions[i]!.std - reference.std)).toBeLessThan(1e-5);
    });
    // The heads really differ, so the test compares five distinct networks, not one.
    expect(new Set(predictions[0]!.heads.map((v) => v.toFixed(4))).size).toBe(5);
    expect(readOnnxMetadata(bytes)).toMatchObject({ feature_set: 'classical-v1', heads: '5', features: '204' });
    await model.close();
  });

  it('refuses a missing, truncated, altered or wrong-shaped model file with its own message', async () => {
    const { ensemble } = randomEnsemble(10, 2, 2);
    const bytes = ensembleToOnnx(ensemble);
    const { file, sha256 } = writeModelFile(dir.path, 'rwd_faults', bytes);
    const problem = (promise: Promise<unknown>) => promise.then(() => null, (error: ModelFileError) => [error.problem, error.message]);

    expect(await problem(openModelFile(dir.path, 'rwd_gone.onnx', { sha256, ...expected(ensemble) }))).toEqual(['missing', expect.stringMatching(/missing/)]);
    writeFileSync(join(dir.path, 'models', file), bytes.subarray(0, bytes.length >> 1));
    expect(await problem(openModelFile(dir.path, file, { sha256, ...expected(ensemble) }))).toEqual(['checksum_mismatch', expect.stringMatching(/changed or truncated/)]);
    // Truncated bytes reach onnxruntime when nothing pins a checksum: it refuses them, and so do we.
    const signature = { inputs: [{ name: HEAD_INPUT, shape: ['batch', 10] }], outputs: [{ name: HEAD_OUTPUT, shape: ['batch', 2] }] };
    expect(await problem(openOnnxSession(bytes.subarray(0, bytes.length >> 1), signature, 'half a model'))).toEqual(['unreadable', expect.stringMatching(/not a valid ONNX model/)]);
    expect(await problem(openOnnxSession(bytes, { ...signature, inputs: [{ name: HEAD_INPUT, shape: ['batch', 12] }] }, 'a model'))).toEqual([
      'wrong_signature',
      expect.stringMatching(/shape \[batch, 10\], expected \[batch, 12\]/),
    ]);
    expect(await problem(openOnnxSession(bytes, { ...signature, outputs: [{ name: 'scores', shape: ['batch', 2] }] }, 'a model'))).toEqual([
      'wrong_signature',
      expect.stringMatching(/no output "scores"/),
    ]);
  });
});
