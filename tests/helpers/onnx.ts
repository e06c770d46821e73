import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIP_MANIFEST, CLIP_MEAN, CLIP_STD, encodeOnnxModel, type ClipManifest } from '../../core/reward';

/**
 * A stand-in for the CLIP ViT-B/32 image encoder with the same signature (`pixel_values`
 * [batch, 3, 224, 224] → `image_embeds` [batch, dims]): the mean of each normalised channel, copied
 * to the first three embedding dimensions. Tiny, and its answer can be worked out by hand.
 */
export function tinyClipEncoder(dims = 512): Uint8Array {
  const weights = new Float32Array(3 * dims);
  for (let c = 0; c < 3; c++) weights[c * dims + c] = 1;
  return encodeOnnxModel({
    name: 'tiny_clip',
    inputs: [{ name: 'pixel_values', shape: ['batch', 3, 224, 224] }],
    outputs: [{ name: 'image_embeds', shape: ['batch', dims] }],
    initializers: [
      { name: 'projection', dims: [3, dims], values: weights },
      { name: 'bias', dims: [dims], values: new Float32Array(dims) },
    ],
    nodes: [
      { op: 'GlobalAveragePool', inputs: ['pixel_values'], outputs: ['pooled'] },
      { op: 'Flatten', inputs: ['pooled'], outputs: ['flat'], attributes: { axis: { int: 1 } } },
      { op: 'Gemm', inputs: ['flat', 'projection', 'bias'], outputs: ['image_embeds'] },
    ],
  });
}

export function clipManifest(bytes: Uint8Array, overrides: Partial<ClipManifest> = {}): ClipManifest {
  return {
    name: 'tiny CLIP stand-in',
    file: 'clip-test.onnx',
    url: 'https://example.invalid/clip-test.onnx',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    input: { name: 'pixel_values', shape: ['batch', 3, 224, 224] },
    output: { name: 'image_embeds', shape: ['batch', 512] },
    preprocessing: { size: 224, resize: 'shortest side, bicubic', crop: 'centre', mean: CLIP_MEAN, std: CLIP_STD },
    ...overrides,
  };
}

/** A models/ folder with the encoder file and its manifest, as `npm run models:fetch` leaves it. */
export function installClip(modelsDir: string, bytes: Uint8Array, manifest: ClipManifest = clipManifest(bytes)): void {
  mkdirSync(modelsDir, { recursive: true });
  writeFileSync(join(modelsDir, manifest.file), bytes);
  writeFileSync(join(modelsDir, CLIP_MANIFEST), JSON.stringify(manifest, null, 2));
}
