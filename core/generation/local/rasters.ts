import sharp from 'sharp';

/** Interleaved 8-bit pixels with `channels` channels (3 = RGB, 1 = a single map). */
export interface Raster {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** The enhancer works on at most 1024 px on the long edge: renders are rated on screen, and speed matters. */
const WORK_EDGE = 1024;

const fromRaster = (r: Raster) => sharp(r.data, { raw: { width: r.width, height: r.height, channels: r.channels } });

async function toRaster(pipeline: ReturnType<typeof sharp>, channels: 1 | 3): Promise<Raster> {
  // sharp turns single-channel input into sRGB on output unless told to stay grey.
  const typed = channels === 1 ? pipeline.toColourspace('b-w') : pipeline;
  const { data, info } = await typed.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== channels) {
    throw new Error(`expected ${channels} channel(s) from sharp, got ${info.channels}`);
  }
  return { data, width: info.width, height: info.height, channels };
}

/** The source as sRGB without alpha (flattened on white, as renders are shown), downscaled. */
export function loadWorkingCopy(file: string): Promise<Raster> {
  const pipeline = sharp(file, { failOn: 'truncated' })
    .rotate()
    .resize(WORK_EDGE, WORK_EDGE, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb');
  return toRaster(pipeline, 3);
}

export function gaussianBlur(r: Raster, sigma: number): Promise<Raster> {
  return toRaster(fromRaster(r).blur(Math.max(0.3, sigma)), r.channels);
}

/**
 * Very large-scale luminance (room-sized light pools): computed at 1/16 size and scaled back up,
 * which is ~100× cheaper than a full-size blur of the same reach and looks the same.
 */
export async function broadLuminance(r: Raster): Promise<Raster> {
  const width = Math.max(2, Math.round(r.width / 16));
  const height = Math.max(2, Math.round(r.height / 16));
  const tiny = await fromRaster(r).greyscale().resize(width, height, { fit: 'fill' }).blur(2.5).raw().toBuffer();
  return toRaster(sharp(tiny, { raw: { width, height, channels: 1 } }).resize(r.width, r.height, { fit: 'fill', kernel: 'cubic' }), 1);
}

/**
 * Smooth value noise with features about `cell` pixels wide: a grid of seeded random values
 * interpolated up to full size. Used for material texture and for where smears appear.
 */
export function valueNoise(width: number, height: number, cell: number, random: () => number): Promise<Raster> {
  const gw = Math.max(2, Math.ceil(width / cell) + 1);
  const gh = Math.max(2, Math.ceil(height / cell) + 1);
  const grid = Buffer.alloc(gw * gh);
  for (let i = 0; i < grid.length; i += 1) grid[i] = Math.floor(random() * 256);
  return toRaster(sharp(grid, { raw: { width: gw, height: gh, channels: 1 } }).resize(width, height, { fit: 'fill', kernel: 'cubic' }), 1);
}

export function encodeJpeg(r: Raster, quality: number): Promise<Buffer> {
  return fromRaster(r).jpeg({ quality }).toBuffer();
}
