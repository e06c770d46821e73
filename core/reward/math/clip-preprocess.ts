/** What a CLIP encoder's manifest says about its input (OpenAI CLIP's preprocessing). */
export interface ClipPreprocessing {
  size: number;
  mean: [number, number, number];
  std: [number, number, number];
}

/** OpenAI CLIP's normalisation constants (openai/CLIP, clip/clip.py `_transform`). */
export const CLIP_MEAN: [number, number, number] = [0.48145466, 0.4578275, 0.40821073];
export const CLIP_STD: [number, number, number] = [0.26862954, 0.26130258, 0.27577711];

/**
 * Interleaved 8-bit RGB of the already resized and centre-cropped square → the encoder's
 * `pixel_values`: planar (C, H, W) float32, each channel `(v / 255 − mean) / std`.
 */
export function clipPixelValues(rgb: Uint8Array, p: ClipPreprocessing): Float32Array {
  const plane = p.size * p.size;
  if (rgb.length !== plane * 3) throw new Error(`expected ${p.size}×${p.size} RGB (${plane * 3} bytes), got ${rgb.length}`);
  const out = new Float32Array(plane * 3);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) out[c * plane + i] = (rgb[i * 3 + c]! / 255 - p.mean[c]!) / p.std[c]!;
  }
  return out;
}
