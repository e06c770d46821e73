import type { EnhancementPlan } from './plan';
import { STREAMS, substream } from './prng';
import { broadLuminance, encodeJpeg, gaussianBlur, loadWorkingCopy, valueNoise, type Raster } from './rasters';
import { edgeMagnitude, loosenStructure } from './structure';

const JPEG_QUALITY = 90;

const smoothstep = (edge0: number, edge1: number, v: number): number => {
  const t = Math.min(1, Math.max(0, (v - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
};

/** Runs the plan over the source image; returns JPEG bytes. Deterministic for a plan and seed. */
export async function enhance(sourcePath: string, plan: EnhancementPlan, seed: number, signal?: AbortSignal): Promise<{ bytes: Buffer; width: number; height: number }> {
  const source = await loadWorkingCopy(sourcePath);
  signal?.throwIfAborted();
  const scale = Math.max(source.width, source.height) / 1024;
  const img = loosenStructure(source, plan.drift * scale, plan.ghosting, substream(seed, STREAMS.structure));
  const { width, height } = img;
  const [fine, mid, broad, edgeDensity, texture, smearMask] = await Promise.all([
    gaussianBlur(img, plan.sharpenRadius * scale),
    gaussianBlur(img, 8 * scale),
    broadLuminance(img),
    gaussianBlur(edgeMagnitude(img), 6 * scale),
    valueNoise(width, height, 4 * scale, substream(seed, STREAMS.texture)),
    plan.smear > 0.01 ? valueNoise(width, height, 90 * scale, substream(seed, STREAMS.smear)) : null,
  ]);
  signal?.throwIfAborted();
  const out = shadePixels({ img, fine, mid, broad, edgeDensity, texture, smearMask }, plan, substream(seed, STREAMS.grain));
  return { bytes: await encodeJpeg(out, JPEG_QUALITY), width, height };
}

interface Layers {
  img: Raster;
  /** Blur at the sharpening radius: img − fine is the detail that sharpening boosts. */
  fine: Raster;
  /** 8 px blur: the source of clarity, depth-of-field blur and smears. */
  mid: Raster;
  /** Room-scale luminance: where the light pools. */
  broad: Raster;
  /** Blurred edge strength: how close a pixel is to structure (for contact shadows). */
  edgeDensity: Raster;
  /** Fine seeded noise: material texture. */
  texture: Raster;
  /** Coarse seeded noise: where smears appear (null when there are none). */
  smearMask: Raster | null;
}

const lut = (f: (v: number) => number): Float32Array => Float32Array.from({ length: 256 }, (_, v) => f(v));
const UNIT = lut((v) => v / 255);
// Edge density saturates: being next to one edge or next to three gives about the same shadow.
const OCCLUSION = lut((v) => 1 - Math.exp(-v / 12));
const SMEAR_WEIGHT = lut((v) => smoothstep(0.55, 0.75, v / 255));

/** Soft shoulder above 0.9 so lifted light rolls off instead of clipping, as film and sensors do. */
// The rational curve t / (1 + t) has the shape of tanh at a fraction of its cost (bright walls
// send half of all pixels through here).
const shoulder = (u: number): number => {
  if (u <= 0.9) return u;
  const t = (u - 0.9) / 0.1;
  return 0.9 + (0.1 * t) / (1 + t);
};

/** Detail stage of one channel: depth/smear blur, sharpening, clarity. */
const detailTone = (v: number, m: number, f: number, blurMix: number, sharpen: number, clarity: number): number => {
  const detail = 1 - blurMix;
  const midtone = 4 * v * (1 - v);
  return v + (m - v) * blurMix + sharpen * (v - f) * detail + clarity * (v - m) * detail * midtone * midtone;
};

/** Light stage of one channel: HDR local contrast and S-curve, lighting, shading and texture. */
const lightTone = (u: number, local: number, hdr: number, gain: number, lift: number, factor: number): number => {
  let t = u + local;
  const s = t < 0 ? 0 : t > 1 ? 1 : t;
  t += hdr * (s * s * (3 - 2 * s) - t);
  t = (t * gain + lift * (1 - s) * (1 - s)) * factor;
  return shoulder(t);
};

const toByte = (u: number): number => (u <= 0 ? 0 : u >= 1 ? 255 : (u * 255 + 0.5) | 0);

function shadePixels(layers: Layers, plan: EnhancementPlan, random: () => number): Raster {
  const { img, fine, mid, broad, edgeDensity, texture, smearMask } = layers;
  const { width: w, height: h } = img;
  const out = Buffer.alloc(img.data.length);

  let lo = 255;
  let hi = 0;
  for (const v of broad.data) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const poolScale = 1 / Math.max(1, hi - lo);
  // Depth of field: the middle band (where the eye rests) stays sharp, ceiling and near floor blur.
  const depthByRow = Float32Array.from({ length: h }, (_, y) => {
    const t = y / Math.max(1, h - 1);
    return plan.depth * Math.max(smoothstep(0.42, 0, t), smoothstep(0.68, 1, t));
  });
  const vignetteX = Float32Array.from({ length: w }, (_, x) => ((x - w / 2) / (w / 2)) ** 2);
  const vignetteY = Float32Array.from({ length: h }, (_, y) => ((y - h / 2) / (h / 2)) ** 2);
  // Uniform grain in ±a has standard deviation a/√3; below ~0.3 levels it would not survive JPEG.
  const grainAmplitude = plan.grain >= 0.3 ? (plan.grain / 255) * Math.sqrt(3) : 0;

  const sharpen = plan.sharpen * 1.6;
  const clarity = plan.clarity * 0.6;
  const hdrLocal = plan.hdr * 0.7;
  const hdrCurve = plan.hdr * 0.45;
  const lift = plan.light * 0.05;
  const sat = 1 + plan.saturation * 0.55;
  const [wr, wg, wb] = [1 + 0.07 * plan.warmth, 1 + 0.012 * plan.warmth, 1 - 0.09 * plan.warmth];
  const stretch = 1 + plan.overdrive;
  const smear = plan.smear;

  // Light comes from above: contact shadows fall below structure, so occlusion is read a few
  // pixels higher up than the pixel it darkens.
  const drop = Math.round(6 * (Math.max(w, h) / 1024));

  for (let y = 0; y < h; y += 1) {
    const shadowDrop = Math.min(y, drop) * w;
    const depthMix = depthByRow[y]!;
    const vy = vignetteY[y]!;
    for (let x = 0; x < w; x += 1) {
      const i = y * w + x;
      const o = i * 3;
      const ao = OCCLUSION[edgeDensity.data[i - shadowDrop]!]!;
      const smearMix = smearMask === null ? 0 : smear * SMEAR_WEIGHT[smearMask.data[i]!]!;
      const blurMix = Math.min(0.95, depthMix + smearMix);

      const r0 = detailTone(UNIT[img.data[o]!]!, UNIT[mid.data[o]!]!, UNIT[fine.data[o]!]!, blurMix, sharpen, clarity);
      const g0 = detailTone(UNIT[img.data[o + 1]!]!, UNIT[mid.data[o + 1]!]!, UNIT[fine.data[o + 1]!]!, blurMix, sharpen, clarity);
      const b0 = detailTone(UNIT[img.data[o + 2]!]!, UNIT[mid.data[o + 2]!]!, UNIT[fine.data[o + 2]!]!, blurMix, sharpen, clarity);

      // HDR: local contrast against the room's light pools. Lighting: brighter where light pools,
      // darker away from it, a gentle lens vignette. Shading: contact shadows near structure.
      // Texture: material noise on flat surfaces only.
      const local = hdrLocal * (0.2126 * r0 + 0.7152 * g0 + 0.0722 * b0 - UNIT[broad.data[i]!]!);
      const pool = (broad.data[i]! - lo) * poolScale;
      const gain = (1 + plan.light * 0.4 * (pool - 0.7)) * (1 - plan.light * 0.06 * (vignetteX[x]! + vy));
      const factor = (1 - plan.shading * 0.28 * ao) * (1 + plan.texture * 0.04 * (UNIT[texture.data[i]!]! - 0.5) * (1 - ao));
      const r1 = lightTone(r0, local, hdrCurve, gain, lift, factor) * wr;
      const g1 = lightTone(g0, local, hdrCurve, gain, lift, factor) * wg;
      const b1 = lightTone(b0, local, hdrCurve, gain, lift, factor) * wb;

      // Saturation around the new luminance; guidance overdrive stretches contrast past the ends.
      const luma = 0.2126 * r1 + 0.7152 * g1 + 0.0722 * b1;
      const grain = grainAmplitude > 0 ? (2 * random() - 1) * grainAmplitude : 0;
      out[o] = toByte((luma + (r1 - luma) * sat - 0.5) * stretch + 0.5 + grain);
      out[o + 1] = toByte((luma + (g1 - luma) * sat - 0.5) * stretch + 0.5 + grain);
      out[o + 2] = toByte((luma + (b1 - luma) * sat - 0.5) * stretch + 0.5 + grain);
    }
  }
  return { data: out, width: w, height: h, channels: 3 };
}
