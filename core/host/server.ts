import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { EVENT_NAMES, MAX_UPLOAD_BYTES, toApiError, type ErrorCode } from '../api';
import type { Service } from '../service';
import {
  hostAllowed,
  originAllowed,
  SECURITY_HEADERS,
  TOKEN_COOKIE,
  tokenFromRequest,
  tokenMatches,
} from './security';

export interface HostOptions {
  service: Service;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  token: string;
}

const STATUS_OF: Record<ErrorCode, number> = {
  invalid_input: 400,
  invalid_image: 400,
  image_too_large: 413,
  not_found: 404,
  conflict: 409,
  generation_failed: 502,
  database_too_new: 500,
  unauthorized: 401,
  forbidden: 403,
  internal: 500,
};

const MALFORMED_ADDRESS = 'The request address is malformed. Open the app with the URL the host printed.';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

// Base64 inflates by 4/3; the rest is the JSON around the upload.
const MAX_BODY_BYTES = Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 64 * 1024;

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
  response.end(text);
}

function sendError(response: ServerResponse, status: number, code: ErrorCode, message: string): void {
  send(response, status, { ok: false, error: { code, message } });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop reading, but leave the socket open so the 413 can still be sent.
        request.off('data', onData);
        request.pause();
        reject(new Error('too_large'));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** `application/json`, with at most a UTF-8 charset: anything else is another format. */
export function isJsonContentType(header: string | undefined): boolean {
  const [type, ...parameters] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return parameters.every((parameter) => /^charset=("?)utf-8\1$/.test(parameter));
}

function sendTooLarge(response: ServerResponse): void {
  // The rest of the body is not read: close the connection once the answer is out.
  response.once('finish', () => response.socket?.destroy());
  send(response, 413, { ok: false, error: { code: 'image_too_large', message: `The upload is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Export a smaller JPEG or PNG.` } }, { Connection: 'close' });
}

async function handleRpc(service: Service, name: string, request: IncomingMessage, response: ServerResponse) {
  if (!isJsonContentType(request.headers['content-type'])) {
    // A cross-site form cannot send JSON, so this also closes the door to CSRF.
    return sendError(response, 415, 'invalid_input', 'Send the call as JSON (Content-Type: application/json).');
  }
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return sendTooLarge(response);
  let input: unknown;
  try {
    const body = await readBody(request);
    input = body.length ? JSON.parse(body) : {};
  } catch (error) {
    if ((error as Error).message === 'too_large') return sendTooLarge(response);
    return sendError(response, 400, 'invalid_input', 'The request body is not valid JSON.');
  }
  try {
    const result = await service.invoke(name, input);
    send(response, 200, { ok: true, result });
  } catch (error) {
    const apiError = toApiError(error);
    send(response, STATUS_OF[apiError.code], { ok: false, error: apiError.toJSON() });
  }
}

function handleEvents(service: Service, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  response.write(': connected\n\n');
  const unsubscribers = EVENT_NAMES.map((name) =>
    service.subscribe(name, (payload) => response.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)),
  );
  const heartbeat = setInterval(() => response.write(': ping\n\n'), 15_000);
  request.on('close', () => {
    clearInterval(heartbeat);
    for (const unsubscribe of unsubscribers) unsubscribe();
  });
}

async function handleImage(service: Service, sha256: string, variant: string | null, response: ServerResponse) {
  const file = await service.imageFile(sha256, variant === 'thumb' ? 'thumb' : 'full');
  if (!file) return sendError(response, 404, 'not_found', 'No such image on this workstation.');
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': file.mime,
    // Content-addressed: the bytes behind a sha256 never change.
    'Cache-Control': 'private, max-age=31536000, immutable',
  });
  streamFile(file.path, response);
}

/** A file that vanishes or fails mid-way ends this response, never the process. */
function streamFile(path: string, response: ServerResponse): void {
  createReadStream(path)
    .on('error', () => response.destroy())
    .pipe(response);
}

function decodedPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

function handleStatic(rendererDir: string, pathname: string, response: ServerResponse): void {
  const root = resolve(rendererDir);
  const decoded = decodedPath(pathname);
  if (decoded === null || decoded.includes('\0')) return sendError(response, 400, 'invalid_input', MALFORMED_ADDRESS);
  const relative = pathname === '/' ? 'index.html' : normalize(decoded).replace(/^[/\\]+/, '');
  let file = resolve(join(root, relative));
  if (!file.startsWith(root + sep)) return sendError(response, 404, 'not_found', 'Not found.');
  if (!existsSync(file) || !statSync(file).isFile()) {
    if (extname(relative)) return sendError(response, 404, 'not_found', 'Not found.');
    file = join(root, 'index.html');
  }
  if (!existsSync(file)) {
    return sendError(response, 500, 'internal', 'The renderer is not built. Run `npm run serve`, which builds it first.');
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'private, max-age=3600',
  });
  streamFile(file, response);
}

function parseAddress(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

async function route({ service, rendererDir, token }: HostOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // The port this connection reached: what a legitimate Host/Origin header must name.
  const port = request.socket.localPort ?? 0;
  if (!hostAllowed(request, port) || !originAllowed(request, port)) {
    return sendError(response, 403, 'unauthorized', 'Foreign host or origin refused. Open the app at the address it printed.');
  }
  const url = parseAddress(request.url);
  if (!url) return sendError(response, 400, 'invalid_input', MALFORMED_ADDRESS);
  const queryToken = url.searchParams.get('token');
  if (request.method === 'GET' && queryToken !== null && tokenMatches(queryToken, token)) {
    // Trade the token in the printed URL for a cookie, and drop it from the address bar.
    url.searchParams.delete('token');
    response.writeHead(303, {
      ...SECURITY_HEADERS,
      'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      Location: url.pathname + url.search,
    });
    return void response.end();
  }
  if (!tokenMatches(tokenFromRequest(request), token)) {
    return sendError(response, 401, 'unauthorized', 'Missing or wrong session token. Open the app with the URL the host printed.');
  }
  const rpc = /^\/rpc\/([a-z]+\.[a-zA-Z]+)$/.exec(url.pathname);
  if (rpc && request.method === 'POST') return handleRpc(service, rpc[1]!, request, response);
  if (url.pathname === '/events' && request.method === 'GET') return handleEvents(service, request, response);
  const image = /^\/images\/([0-9a-f]{64})$/.exec(url.pathname);
  if (image && request.method === 'GET') return handleImage(service, image[1]!, url.searchParams.get('variant'), response);
  if (request.method === 'GET') return handleStatic(rendererDir, url.pathname, response);
  return sendError(response, 405, 'invalid_input', 'Method not allowed.');
}

/**
 * Serves the app and its contract on loopback; every request needs the session token. Whatever one
 * request does, it ends with an answer for that request: a fault never takes the host down.
 */
export function createHostServer(options: HostOptions): Server {
  return createServer((request, response) => {
    route(options, request, response).catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      const apiError = toApiError(error);
      send(response, STATUS_OF[apiError.code], { ok: false, error: apiError.toJSON() });
    });
  });
}
