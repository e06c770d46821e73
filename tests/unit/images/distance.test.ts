import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageDistance } from '../../../core/images';
import { INDISTINCT_BELOW } from '../../../core/queue';

// A small "room" drawn here: a wall gradient, a floor, a dark frame and a window, with pixel noise
// so that re-encoding has detail to lose, as renders do.
async function room(options: { warmth?: number; blur?: number; sharpen?: boolean } = {}): Promise<Buffer> {
  const width = 480;
  const height = 360;
  const pixels = Buffer.alloc(width * height * 3);
  let noise = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      noise = (noise * 1103515245 + 12345) & 0x7fffffff;
      const jitter = (noise % 9) - 4;
      const floor = y > height * 0.65;
      const frame = x > 60 && x < 160 && y > 80 && y < 160;
      const window = x > 260 && x < 380 && y > 60 && y < 170;
      const base = frame ? [40, 30, 25] : window ? [150, 200, 240] : floor ? [140, 100, 70] : [225 - y / 6, 220 - y / 6, 205 - y / 6];
      const i = (y * width + x) * 3;
      pixels[i] = Math.max(0, Math.min(255, base[0]! + jitter));
      pixels[i + 1] = Math.max(0, Math.min(255, base[1]! + jitter));
      pixels[i + 2] = Math.max(0, Math.min(255, base[2]! + jitter));
    }
  }
  let image = sharp(pixels, { raw: { width, height, channels: 3 } });
  if (options.warmth) image = image.linear([1 + options.warmth, 1, 1 - options.warmth], [0, 0, 0]);
  if (options.blur) image = image.blur(options.blur);
  if (options.sharpen) image = image.sharpen({ sigma: 2, m1: 2, m2: 4 });
  return image.jpeg({ quality: 90 }).toBuffer();
}

describe('image distance', () => {
  it('is 0 for the same bytes', async () => {
    const a = await room();
    expect(await imageDistance(a, Buffer.from(a))).toEqual({ colour: 0, detail: 0, distance: 0 });
  });

  it('is 0 for the same decoded pixels in other bytes, and below the threshold for the picture re-encoded (JPEG q70, WebP)', async () => {
    const a = await room();
    expect((await imageDistance(a, await sharp(a).png().toBuffer())).distance).toBe(0);
    for (const again of [await sharp(a).jpeg({ quality: 70 }).toBuffer(), await sharp(a).webp({ quality: 80 }).toBuffer()]) {
      expect((await imageDistance(a, again)).distance).toBeLessThan(INDISTINCT_BELOW);
    }
  });

  it('is above the threshold for a clearly warmer picture (colour) and a blurred or sharpened one (detail)', async () => {
    const a = await room();
    const warmer = await imageDistance(a, await room({ warmth: 0.08 }));
    expect(warmer.colour).toBeGreaterThan(INDISTINCT_BELOW);
    const blurred = await imageDistance(a, await room({ blur: 4 }));
    expect(blurred.detail).toBeGreaterThan(INDISTINCT_BELOW);
    expect(blurred.detail).toBeGreaterThan(blurred.colour);
    expect((await imageDistance(a, await room({ sharpen: true }))).distance).toBeGreaterThan(INDISTINCT_BELOW);
  });

  it('compares pictures of different sizes (the thumbnails ignore the aspect ratio)', async () => {
    const a = await room();
    const smaller = await sharp(a).resize(240, 180).jpeg({ quality: 90 }).toBuffer();
    expect((await imageDistance(a, smaller)).distance).toBeLessThan(INDISTINCT_BELOW);
  });
});
