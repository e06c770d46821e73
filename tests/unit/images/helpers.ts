import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'latina-images-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A small picture with real structure (not a flat fill), so JPEG truncation is visible to a decoder. */
export function scene(width: number, height: number): ReturnType<typeof sharp> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#d9cbb4"/>
    <polygon points="0,${height} ${width * 0.3},${height * 0.6} ${width * 0.7},${height * 0.6} ${width},${height}" fill="#8a6a4a"/>
    <rect x="${width * 0.35}" y="${height * 0.2}" width="${width * 0.3}" height="${height * 0.25}" fill="#9fc6e8"/>
    <circle cx="${width * 0.2}" cy="${height * 0.4}" r="${height * 0.12}" fill="#3f7a3a"/>
  </svg>`;
  return sharp(Buffer.from(svg));
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A well-formed PNG header that claims `width`×`height` RGB pixels, followed by a tiny IDAT: the
 * shape of a decompression bomb (a few hundred bytes on disk, gigabytes once decoded).
 */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, adaptive filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Every file below `dir`, relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}
