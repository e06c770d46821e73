import sharp, { type Sharp } from 'sharp';

export type Defect = 'warp' | 'blur' | 'colour_cast' | 'lost_edges';
export const DEFECTS: readonly Defect[] = ['warp', 'blur', 'colour_cast', 'lost_edges'];

/**
 * A deliberately broken copy of a render, for gold pairs: each defect is plain to anyone looking
 * (taste has no right answer, a defect does), and the result keeps the original's size and format
 * so nothing but the picture tells the two sides apart.
 */
export async function breakImage(bytes: Buffer, defect: Defect): Promise<Buffer> {
  const image = sharp(bytes);
  const { width, height, format } = await image.metadata();
  if (!width || !height) throw new Error('the render has no size');
  let broken: Sharp;
  if (defect === 'warp') {
    // A shear bends every vertical line of the room; cropped back to the original frame.
    broken = sharp(await image.affine([[1, 0.35], [0.12, 1]], { background: '#808080' }).toBuffer()).resize(width, height, { fit: 'cover' });
  } else if (defect === 'blur') {
    broken = image.blur(Math.max(10, Math.round(Math.min(width, height) / 30)));
  } else if (defect === 'colour_cast') {
    broken = image.linear([1.35, 0.9, 0.55], [40, 5, -25]);
  } else {
    // Smears structure away: a wide median filter and a coarse resample flatten every edge.
    const small = await image.median(9).resize(Math.max(8, Math.round(width / 24)), Math.max(8, Math.round(height / 24))).toBuffer();
    broken = sharp(small).resize(width, height, { kernel: 'cubic' });
  }
  return format === 'png' ? broken.png().toBuffer() : format === 'webp' ? broken.webp().toBuffer() : broken.jpeg({ quality: 90 }).toBuffer();
}
