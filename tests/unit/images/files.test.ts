import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../core/api';
import { createImageStore } from '../../../core/images';
import { listFiles, scene, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('image files on disk', () => {
  it('stores the same image once, under the sha256 of its normalised bytes', async () => {
    const store = createImageStore({ dataDir: dir });
    const bytes = await scene(320, 240).jpeg().toBuffer();
    const first = await store.ingest(bytes);
    const written = await stat(store.pathOf(first.sha256)!);
    const second = await store.ingest(Uint8Array.from(bytes));
    expect(second).toEqual(first);
    expect((await stat(store.pathOf(first.sha256)!)).mtimeMs).toBe(written.mtimeMs);
    expect(await listFiles(dir)).toEqual([path.join('images', first.sha256.slice(0, 2), `${first.sha256}.jpg`)]);
  });

  it('leaves no temporary files after several writes', async () => {
    const store = createImageStore({ dataDir: dir });
    await Promise.all([scene(100, 100).png().toBuffer(), scene(101, 100).png().toBuffer(), scene(102, 100).jpeg().toBuffer()].map(async (b) => store.ingest(await b)));
    const files = await listFiles(dir);
    expect(files).toHaveLength(3);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('removes the temporary files an interrupted write left, and nothing else, when it opens', async () => {
    const first = createImageStore({ dataDir: dir });
    const image = await first.ingest(await scene(80, 60).png().toBuffer());
    const folder = path.dirname(first.pathOf(image.sha256)!);
    const stray = path.join(folder, `.${image.sha256}.png.0b1c.tmp`);
    const strayThumb = path.join(dir, 'thumbs', '.abc.webp.0b1c.tmp');
    await mkdir(path.dirname(strayThumb), { recursive: true });
    await writeFile(stray, 'half an image');
    await writeFile(strayThumb, 'half a thumbnail');
    const reopened = createImageStore({ dataDir: dir });
    const files = await listFiles(dir);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(reopened.pathOf(image.sha256)).not.toBeNull();
  });

  it('writes the image again when its file was deleted (no stale "already stored" cache)', async () => {
    const store = createImageStore({ dataDir: dir });
    const bytes = await scene(90, 60).png().toBuffer();
    const image = await store.ingest(bytes);
    await rm(store.pathOf(image.sha256)!);
    expect(store.pathOf(image.sha256)).toBeNull();
    await store.ingest(bytes);
    expect(store.pathOf(image.sha256)).not.toBeNull();
  });

  it('makes a thumbnail of at most 320 px on first request and reuses it', async () => {
    const store = createImageStore({ dataDir: dir });
    const image = await store.ingest(await scene(1024, 768).png().toBuffer());
    const thumb = await store.thumbnailPath(image.sha256);
    expect(thumb).toBe(path.join(dir, 'thumbs', `${image.sha256}.webp`));
    const meta = await sharp(thumb).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 320, 240]);
    expect(await store.thumbnailPath(image.sha256)).toBe(thumb);
    expect(await readdir(path.join(dir, 'thumbs'))).toEqual([`${image.sha256}.webp`]);
  });

  it('does not enlarge images smaller than a thumbnail', async () => {
    const store = createImageStore({ dataDir: dir });
    const image = await store.ingest(await scene(100, 80).png().toBuffer());
    const meta = await sharp(await store.thumbnailPath(image.sha256)).metadata();
    expect([meta.width, meta.height]).toEqual([100, 80]);
  });

  it('answers unknown or malformed hashes with null, and a thumbnail request with not_found', async () => {
    const store = createImageStore({ dataDir: dir });
    expect(store.pathOf('f'.repeat(64))).toBeNull();
    expect(store.pathOf('../../etc/passwd')).toBeNull();
    expect(store.mimeOf('ABC')).toBeNull();
    await expect(store.thumbnailPath('e'.repeat(64))).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.thumbnailPath('e'.repeat(64))).rejects.toBeInstanceOf(ApiError);
  });
});
