// What the shell decides from a URL alone: which renderer file an app:// request names, which image
// an app-image:// request names, which frames may call the contract, which links may leave the app.
// No Electron here, so all of it is tested under Node.
import { extname, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'latina';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
export const IMAGE_SCHEME = 'app-image';

const MAX_PATH_LENGTH = 1024;
const MAX_SEGMENT_LENGTH = 255;

/** Documentation sites a link in the app may open in the user's browser; anything else stays shut. */
export const EXTERNAL_HOSTS: readonly string[] = ['platform.openai.com', 'docs.leonardo.ai', 'replicate.com'];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
}

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** Our scheme and host exactly: no port, no credentials. */
function isOurs(url: URL, scheme: string): boolean {
  return url.protocol === `${scheme}:` && url.username === '' && url.password === '' && url.port === '';
}

/**
 * The file under `rendererDir` that an app:// URL names, or null for anything that is not a plain
 * relative path inside it. Encoded separators, backslashes, control characters, drive letters,
 * empty or dot segments and overlong names are refused rather than normalised.
 */
export function resolveAppFile(rendererDir: string, raw: string): string | null {
  const url = parse(raw);
  if (!url || !isOurs(url, APP_SCHEME) || url.hostname !== APP_HOST) return null;
  const path = url.pathname;
  if (path.length > MAX_PATH_LENGTH || path.includes('\\') || /%(2f|5c|00)/i.test(path)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  if (!decoded.startsWith('/')) return null;
  const segments = decoded.slice(1).split('/');
  const bad = (s: string) =>
    s === '' || s === '.' || s === '..' || Buffer.byteLength(s) > MAX_SEGMENT_LENGTH || /[\u0000-\u001f\u007f:\\]/.test(s);
  if (segments.some(bad)) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, ...segments);
  return file.startsWith(root + sep) ? file : null;
}

export interface ImageRequest {
  sha256: string;
  variant: 'full' | 'thumb';
}

/** `app-image://<sha256>/` or `app-image://<sha256>/?variant=thumb`, and nothing else. */
export function parseImageUrl(raw: string): ImageRequest | null {
  const url = parse(raw);
  if (!url || !isOurs(url, IMAGE_SCHEME) || !/^[0-9a-f]{64}$/.test(url.hostname)) return null;
  if (url.pathname !== '/' && url.pathname !== '') return null;
  const keys = [...url.searchParams.keys()];
  if (keys.some((key) => key !== 'variant') || keys.length > 1) return null;
  const variant = url.searchParams.get('variant') ?? 'full';
  if (variant !== 'full' && variant !== 'thumb') return null;
  return { sha256: url.hostname, variant };
}

/** The part of Electron's WebFrameMain the check needs. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** Only our own page, in the top frame of the window, may call the contract. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  const url = parse(frame.url);
  return url !== null && isOurs(url, APP_SCHEME) && url.hostname === APP_HOST;
}

export function externalUrlAllowed(raw: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  const url = parse(raw);
  return url !== null && url.protocol === 'https:' && url.username === '' && url.password === '' && url.port === '' && hosts.includes(url.hostname);
}
