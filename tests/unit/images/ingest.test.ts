import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImageStore } from '../../../core/images';
import { scene, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('ingest accepts and normalises', () => {
  it('stores a JPEG as JPEG with its size', async () => {
    const store = createImageStore({ dataDir: dir });
    const image = await store.ingest(await scene(300, 200).jpeg().toBuffer());
    expect(image).toMatchObject({ mime: 'image/jpeg', width: 300, height: 200 });
    expect(image.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(store.pathOf(image.sha256)).toMatch(new RegExp(`images[/\\\\]${image.sha256.slice(0, 2)}[/\\\\]${image.sha256}\\.jpg$`));
  });

  it('keeps a PNG as PNG', async () => {
    const store = createImageStore({ dataDir: dir });
    const image = await store.ingest(await scene(120, 90).png().toBuffer());
    expect(image).toMatchObject({ mime: 'image/png', width: 120, height: 90 });
    expect(store.mimeOf(image.sha256)).toBe('image/png');
  });

  it('turns an opaque WebP into JPEG and a WebP with alpha into PNG', async () => {
    const store = createImageStore({ dataDir: dir });
    const opaque = await store.ingest(await scene(64, 48).webp().toBuffer());
    expect(opaque).toMatchObject({ mime: 'image/jpeg', width: 64, height: 48 });
    const translucent = await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 10, g: 200, b: 90, alpha: 0.5 } } })
      .webp()
      .toBuffer();
    const withAlpha = await store.ingest(translucent);
    expect(withAlpha).toMatchObject({ mime: 'image/png', width: 40, height: 30 });
    expect((await sharp(store.pathOf(withAlpha.sha256)!).metadata()).hasAlpha).toBe(true);
  });

  it('applies the EXIF orientation, so a portrait photo stored sideways comes out upright', async () => {
    const sideways = await scene(400, 100).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(sideways).metadata()).width).toBe(400);
    const store = createImageStore({ dataDir: dir });
    const image = await store.ingest(sideways);
    expect(image).toMatchObject({ width: 100, height: 400 });
    const stored = await sharp(store.pathOf(image.sha256)!).metadata();
    expect([stored.width, stored.height, stored.orientation]).toEqual([100, 400, undefined]);
  });

  it('strips EXIF, ICC and XMP metadata (GPS positions must not leave the machine)', async () => {
    const tagged = await scene(80, 60)
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'client home', Make: 'PhoneCam' } } })
      .toBuffer();
    expect(tagged.includes(Buffer.from('client home'))).toBe(true);
    const store = createImageStore({ dataDir: dir });
    const image = await store.ingest(tagged);
    const stored = await readFile(store.pathOf(image.sha256)!);
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(stored.includes(Buffer.from('client home'))).toBe(false);
  });

  it('describes a stored image from the file on disk', async () => {
    const store = createImageStore({ dataDir: dir });
    const image = await store.ingest(await scene(50, 70).png().toBuffer());
    expect(await store.describe(image.sha256)).toEqual(image);
    expect(await store.describe('0'.repeat(64))).toBeNull();
  });
});
