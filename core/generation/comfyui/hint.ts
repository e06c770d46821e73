import sharp from 'sharp';
import { canny } from '../../reward';

/**
 * The ControlNet hint for a canny ControlNet: white one-pixel edges on black, the image such models
 * were trained on. Core ComfyUI has no preprocessor nodes (they come with custom node packs a studio
 * may not have), so the workstation draws the map with its own Canny detector and uploads it.
 */
export async function edgeMap(png: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(png).removeAlpha().greyscale().raw().toBuffer({ resolveWithObject: true });
  const luma = new Float64Array(info.width * info.height);
  for (let i = 0; i < luma.length; i++) luma[i] = data[i * info.channels]! / 255;
  const { edges } = canny({ width: info.width, height: info.height, data: luma });
  const pixels = Buffer.from(edges.map((e) => (e ? 255 : 0)));
  return sharp(pixels, { raw: { width: info.width, height: info.height, channels: 1 } }).png().toBuffer();
}
