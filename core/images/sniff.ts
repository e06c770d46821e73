import type { StoredImage } from './types';

type Mime = StoredImage['mime'];

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/**
 * The image type from the magic bytes alone. File names and the MIME type a browser reports are
 * whatever the user's OS says; the bytes are what sharp will actually decode.
 */
export function sniffImageType(bytes: Uint8Array): Mime | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

// Formats people commonly pick by mistake, so the refusal can say what the file actually is.
const KNOWN_OTHER_FORMATS: ReadonlyArray<{ test: (b: Uint8Array) => boolean; found: string }> = [
  { test: (b) => startsWith(b, ascii('%PDF')), found: 'PDF data' },
  { test: (b) => startsWith(b, ascii('GIF8')), found: 'a GIF image' },
  { test: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]), found: 'a TIFF image' },
  { test: (b) => startsWith(b, ascii('BM')), found: 'a BMP image' },
  { test: (b) => startsWith(b, ascii('ftypavif'), 4), found: 'an AVIF image' },
  { test: (b) => ['ftypheic', 'ftypheix', 'ftypmif1', 'ftypmsf1'].some((t) => startsWith(b, ascii(t), 4)), found: 'a HEIC image' },
  { test: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]), found: 'a ZIP archive (or an Office document)' },
  { test: (b) => /<svg[\s>]/i.test(new TextDecoder().decode(b.subarray(0, 1024))), found: 'an SVG drawing' },
];

function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 512);
  // Tab, LF, CR and printable ASCII, or any byte of a UTF-8 sequence; a NUL means binary.
  return head.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b !== 127));
}

/** A short description of what non-image bytes are, for the message that refuses them. */
export function describeForeignBytes(bytes: Uint8Array): string {
  const known = KNOWN_OTHER_FORMATS.find((f) => f.test(bytes));
  if (known) return known.found;
  return looksLikeText(bytes) ? 'text' : 'unrecognised binary data';
}
