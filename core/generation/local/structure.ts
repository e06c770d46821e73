import type { Raster } from './rasters';

/**
 * What a diffusion model does to geometry when ControlNet holds it loosely: walls bow a little
 * (a smooth warp of a few pixels) and structure appears twice (a faint copy, offset). Both are
 * negligible at sensible settings; see plan.ts for when they grow.
 */
export function loosenStructure(src: Raster, driftPx: number, ghosting: number, random: () => number): Raster {
  const tau = 2 * Math.PI;
  const phases = [random() * tau, random() * tau, random() * tau, random() * tau] as const;
  const angle = random() * tau;
  // Below half a pixel of warp and 2 % of ghost nothing is visible; skipping saves the time.
  const warped = driftPx >= 0.5 ? warp(src, driftPx, phases) : src;
  return ghosting >= 0.02 ? ghost(warped, ghosting, angle) : warped;
}

function warp(src: Raster, amplitude: number, [p1, p2, p3, p4]: readonly number[]): Raster {
  const { width: w, height: h, data } = src;
  const tau = 2 * Math.PI;
  // Separable sine tables keep the warp at a few table lookups per pixel instead of four sin() calls.
  const byRow = Float32Array.from({ length: h }, (_, y) => 0.6 * amplitude * Math.sin((tau * y) / (0.55 * h) + p1!));
  const byCol = Float32Array.from({ length: w }, (_, x) => 0.6 * amplitude * Math.sin((tau * x) / (0.6 * w) + p2!));
  const bySum = Float32Array.from({ length: w + h }, (_, s) => 0.4 * amplitude * Math.sin((tau * s) / (0.35 * (w + h)) + p3!));
  const byDiff = Float32Array.from({ length: w + h }, (_, s) => 0.4 * amplitude * Math.sin((tau * s) / (0.3 * (w + h)) + p4!));
  const out = Buffer.alloc(data.length);
  const maxX = w - 1;
  const maxY = h - 1;
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const sx = x + byRow[y]! + bySum[x + y]!;
      const sy = y + byCol[x]! + byDiff[x - y + maxY]!;
      sampleInto(out, (y * w + x) * 3, data, w, maxX, maxY, sx, sy);
    }
  }
  return { ...src, data: out };
}

/** A faint copy of the picture, offset by 6…16 px (at 1024 px), over the picture: doubled edges. */
function ghost(src: Raster, weight: number, angle: number): Raster {
  const { width: w, height: h, data } = src;
  const reach = (6 + 22 * weight) * (Math.max(w, h) / 1024);
  const dx = Math.round(Math.cos(angle) * reach);
  const dy = Math.round(Math.sin(angle) * reach);
  const out = Buffer.alloc(data.length);
  for (let y = 0; y < h; y += 1) {
    const gy = Math.min(h - 1, Math.max(0, y + dy));
    for (let x = 0; x < w; x += 1) {
      const gx = Math.min(w - 1, Math.max(0, x + dx));
      const o = (y * w + x) * 3;
      const g = (gy * w + gx) * 3;
      out[o] = data[o]! + (data[g]! - data[o]!) * weight + 0.5;
      out[o + 1] = data[o + 1]! + (data[g + 1]! - data[o + 1]!) * weight + 0.5;
      out[o + 2] = data[o + 2]! + (data[g + 2]! - data[o + 2]!) * weight + 0.5;
    }
  }
  return { ...src, data: out };
}

// Bilinear sampling, clamped at the borders, written straight into the output: no temporaries,
// as this runs for every pixel.
function sampleInto(out: Buffer, o: number, data: Buffer, w: number, maxX: number, maxY: number, fx: number, fy: number): void {
  const x = fx < 0 ? 0 : fx > maxX ? maxX : fx;
  const y = fy < 0 ? 0 : fy > maxY ? maxY : fy;
  const x0 = x | 0;
  const y0 = y | 0;
  const tx = x - x0;
  const ty = y - y0;
  const a = (y0 * w + x0) * 3;
  const b = x0 < maxX ? a + 3 : a;
  const c = y0 < maxY ? a + w * 3 : a;
  const d = x0 < maxX ? c + 3 : c;
  for (let k = 0; k < 3; k += 1) {
    const top = data[a + k]! + (data[b + k]! - data[a + k]!) * tx;
    out[o + k] = top + (data[c + k]! + (data[d + k]! - data[c + k]!) * tx - top) * ty + 0.5;
  }
}

/** Sobel gradient magnitude of luminance, scaled to 0…255: where the structure (edges) is. */
export function edgeMagnitude(src: Raster): Raster {
  const { width: w, height: h, data } = src;
  const luma = new Float32Array(w * h);
  for (let i = 0, o = 0; i < luma.length; i += 1, o += 3) {
    luma[i] = (0.2126 * data[o]! + 0.7152 * data[o + 1]! + 0.0722 * data[o + 2]!) / 255;
  }
  const out = Buffer.alloc(w * h);
  for (let y = 1; y < h - 1; y += 1) {
    for (let x = 1; x < w - 1; x += 1) {
      const i = y * w + x;
      const tl = luma[i - w - 1]!, t = luma[i - w]!, tr = luma[i - w + 1]!;
      const l = luma[i - 1]!, r = luma[i + 1]!;
      const bl = luma[i + w - 1]!, b = luma[i + w]!, br = luma[i + w + 1]!;
      const gx = tr + 2 * r + br - tl - 2 * l - bl;
      const gy = bl + 2 * b + br - tl - 2 * t - tr;
      // A hard edge between tones 0.3 apart gives ~1.2; ×128 keeps strong edges below 255.
      out[i] = Math.min(255, Math.sqrt(gx * gx + gy * gy) * 128 + 0.5);
    }
  }
  return { data: out, width: w, height: h, channels: 1 };
}
