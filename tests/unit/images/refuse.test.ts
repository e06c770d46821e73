import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../core/api';
import { createImageStore } from '../../../core/images';
import { listFiles, pngClaiming, scene, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

async function refusal(bytes: Uint8Array, opts: { maxBytes?: number } = {}): Promise<ApiError> {
  const store = createImageStore({ dataDir: dir, ...opts });
  const error = await store.ingest(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  // A refused file must leave nothing behind.
  expect(await listFiles(dir)).toEqual([]);
  return error as ApiError;
}

describe('ingest refuses', () => {
  it('an empty file', async () => {
    const error = await refusal(new Uint8Array());
    expect(error.code).toBe('invalid_image');
    expect(error.message).toMatch(/empty \(0 bytes\).*JPEG, PNG or WebP/);
  });

  it('a text file, naming what it found', async () => {
    const error = await refusal(Buffer.from('Meeting notes: client wants warmer light.\n'));
    expect(error.code).toBe('invalid_image');
    expect(error.message).toMatch(/not an image.*found text.*Choose a JPEG, PNG or WebP/);
  });

  it('a PDF, naming it', async () => {
    const error = await refusal(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'));
    expect(error.code).toBe('invalid_image');
    expect(error.message).toContain('found PDF data');
  });

  it('a JPEG cut in half (an interrupted download)', async () => {
    const whole = await scene(640, 480).jpeg({ quality: 95 }).toBuffer();
    const error = await refusal(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(error.code).toBe('invalid_image');
    expect(error.message).toMatch(/JPEG file is damaged or incomplete.*again/);
  });

  it('a PNG with a damaged header, in plain words without the decoder\'s own text', async () => {
    const whole = await scene(64, 48).png().toBuffer();
    const broken = Buffer.concat([whole.subarray(0, 8), Buffer.alloc(64, 0xab)]);
    const error = await refusal(broken);
    expect(error.code).toBe('invalid_image');
    expect(error.message).toBe('The PNG file is damaged or incomplete, so it cannot be read. Export or download it again, then add the new file.');
    expect(String((error.cause as Error).message)).not.toBe('');
  });

  it('a PNG whose header claims 20000×20000 pixels, before decoding it', async () => {
    const bomb = pngClaiming(20_000, 20_000);
    expect(bomb.length).toBeLessThan(200);
    const error = await refusal(bomb);
    expect(error.code).toBe('image_too_large');
    expect(error.message).toContain('20000×20000 (400 MP); the limit is 40 MP');
    expect(error.message).toMatch(/Downscale it to at most ~6300 px/);
  });

  it('a file over the byte limit', async () => {
    const jpeg = await scene(200, 200).jpeg().toBuffer();
    expect(jpeg.length).toBeGreaterThan(2048);
    const error = await refusal(jpeg, { maxBytes: 1024 });
    expect(error.code).toBe('image_too_large');
    expect(error.message).toMatch(/^The file is \d+ KB; the limit is 1 KB\. Export it/);
  });
});
