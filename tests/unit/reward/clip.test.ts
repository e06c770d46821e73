import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { CLIP_MANIFEST, CLIP_MEAN, CLIP_STD, clipPixelValues, loadClipEncoder } from '../../../core/reward';
import { clipManifest, installClip, tinyClipEncoder } from '../../helpers/onnx';
import { tempDir } from '../../helpers/temp';

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));
const modelsDir = () => {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
};

const png = (width: number, height: number, rgb: [number, number, number]) =>
  sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toBuffer();

describe('CLIP encoder path (with a tiny encoder of the same signature)', () => {
  it('normalises with the CLIP mean and std, channel-planar', () => {
    const rgb = new Uint8Array(4 * 3).fill(255);
    const out = clipPixelValues(rgb, { size: 2, mean: CLIP_MEAN, std: CLIP_STD });
    // (1 − 0.48145466) / 0.26862954 for every red value, then green, then blue planes.
    expect(out[0]).toBeCloseTo((1 - 0.48145466) / 0.26862954, 5);
    expect(out[4]).toBeCloseTo((1 - 0.4578275) / 0.26130258, 5);
    expect(() => clipPixelValues(rgb, { size: 3, mean: CLIP_MEAN, std: CLIP_STD })).toThrow(/expected 3×3/);
  });

  it('loads, checks and runs the encoder: resize, centre crop, normalise, embed', async () => {
    const dir = modelsDir();
    installClip(dir, tinyClipEncoder());
    const { encoder, status } = await loadClipEncoder(dir);
    expect(status.state).toBe('installed');
    expect(encoder!.dims).toBe(512);
    // A wide image: left half red, right half blue. The centre crop of a 448×224 image is its
    // middle 224 px, half red and half blue, so the red and blue channel means are equal.
    const wide = await sharp({ create: { width: 448, height: 224, channels: 3, background: '#ff0000' } })
      .composite([{ input: await png(224, 224, [0, 0, 255]), left: 224, top: 0 }])
      .png()
      .toBuffer();
    const embedding = await encoder!.embed(wide);
    const r = (0.5 - CLIP_MEAN[0]) / CLIP_STD[0];
    const g = (0 - CLIP_MEAN[1]) / CLIP_STD[1];
    const b = (0.5 - CLIP_MEAN[2]) / CLIP_STD[2];
    const norm = Math.hypot(r, g, b);
    expect(embedding).toHaveLength(512);
    // Bicubic resampling smears the colour boundary by a pixel or two: 1e-2 covers that.
    expect(embedding[0]).toBeCloseTo(r / norm, 2);
    expect(embedding[1]).toBeCloseTo(g / norm, 2);
    expect(embedding[2]).toBeCloseTo(b / norm, 2);
    expect(embedding[3]).toBe(0);
    await expect(encoder!.embed(Buffer.from('not an image'), 'a broken upload')).rejects.toThrow(/a broken upload cannot be decoded/);
    await encoder!.close();
  });

  it('says "not installed" without the file, and refuses a bad checksum, manifest or shape', async () => {
    const bytes = tinyClipEncoder();

    const empty = modelsDir();
    writeFileSync(join(empty, CLIP_MANIFEST), JSON.stringify(clipManifest(bytes)));
    expect((await loadClipEncoder(empty)).status).toMatchObject({ state: 'not_installed', message: expect.stringMatching(/npm run models:fetch/) });

    const altered = modelsDir();
    installClip(altered, bytes, clipManifest(bytes, { sha256: 'f'.repeat(64) }));
    expect((await loadClipEncoder(altered)).status).toMatchObject({ state: 'invalid', message: expect.stringMatching(/does not match the manifest's checksum/) });

    const broken = modelsDir();
    installClip(broken, bytes);
    writeFileSync(join(broken, CLIP_MANIFEST), '{"name": ');
    expect((await loadClipEncoder(broken)).status).toMatchObject({ state: 'invalid', message: expect.stringMatching(/not valid JSON/) });

    const incomplete = modelsDir();
    installClip(incomplete, bytes, { ...clipManifest(bytes), preprocessing: { ...clipManifest(bytes).preprocessing, crop: 'top' as 'centre' } });
    expect((await loadClipEncoder(incomplete)).status.message).toMatch(/invalid at "preprocessing.crop"/);

    const narrow = tinyClipEncoder(256);
    const wrongShape = modelsDir();
    installClip(wrongShape, narrow, clipManifest(narrow));
    expect((await loadClipEncoder(wrongShape)).status).toMatchObject({ state: 'invalid', message: expect.stringMatching(/shape \[batch, 256\], expected \[batch, 512\]/) });

    const truncated = modelsDir();
    const half = bytes.subarray(0, bytes.length >> 1);
    installClip(truncated, half, clipManifest(half));
    expect((await loadClipEncoder(truncated)).status).toMatchObject({ state: 'invalid', message: expect.stringMatching(/not a valid ONNX model/) });
  });
});
