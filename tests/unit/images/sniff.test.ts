import { describe, expect, it } from 'vitest';
import { sniffImageType } from '../../../core/images';
import { scene } from './helpers';

describe('sniffImageType', () => {
  it('recognises JPEG, PNG and WebP from encoded bytes', async () => {
    expect(sniffImageType(await scene(16, 16).jpeg().toBuffer())).toBe('image/jpeg');
    expect(sniffImageType(await scene(16, 16).png().toBuffer())).toBe('image/png');
    expect(sniffImageType(await scene(16, 16).webp().toBuffer())).toBe('image/webp');
  });

  it('needs the WEBP tag after RIFF, so a WAV file (also RIFF) is not taken for WebP', () => {
    const wav = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')]);
    expect(sniffImageType(wav)).toBeNull();
  });

  it('returns null for empty, text, PDF and signatures cut short', () => {
    expect(sniffImageType(new Uint8Array())).toBeNull();
    expect(sniffImageType(Buffer.from('just some notes'))).toBeNull();
    expect(sniffImageType(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(sniffImageType(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(sniffImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});
