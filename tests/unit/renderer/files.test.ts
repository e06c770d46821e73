import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../../core/api';
import { bytesToBase64, firstImageFile, readUpload, uploadProblem } from '../../../renderer/files';

describe('bytesToBase64', () => {
  it('matches Node for small and multi-chunk inputs', () => {
    for (const size of [0, 1, 2, 3, 1000, 0x8000 + 7, 100_000]) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 31 + 7) % 256);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});

describe('uploadProblem', () => {
  it('accepts images, refuses empty, oversized and non-image files', () => {
    expect(uploadProblem({ name: 'a.jpg', size: 10, type: 'image/jpeg' })).toBeNull();
    expect(uploadProblem({ name: 'a.bin', size: 10, type: '' })).toBeNull();
    expect(uploadProblem({ name: 'a.jpg', size: 0, type: 'image/jpeg' })).toMatch(/empty/);
    expect(uploadProblem({ name: 'a.jpg', size: MAX_UPLOAD_BYTES + 1, type: 'image/jpeg' })).toMatch(/larger than 40 MB/);
    expect(uploadProblem({ name: 'notes.pdf', size: 10, type: 'application/pdf' })).toMatch(/not an image/);
  });
});

describe('readUpload and firstImageFile', () => {
  it('reads a file into name + base64', async () => {
    const file = new File([new Uint8Array([1, 2, 3, 250])], 'room.png', { type: 'image/png' });
    expect(await readUpload(file)).toEqual({ name: 'room.png', data_base64: 'AQID+g==' });
  });

  it('finds the first image among pasted or dropped files', () => {
    const text = new File(['x'], 'a.txt', { type: 'text/plain' });
    const image = new File(['y'], 'b.webp', { type: 'image/webp' });
    expect(firstImageFile([text, image])).toBe(image);
    expect(firstImageFile([text])).toBeNull();
    expect(firstImageFile(null)).toBeNull();
  });
});
