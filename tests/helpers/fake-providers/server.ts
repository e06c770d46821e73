import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the fake server received it. */
export interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json?: unknown;
  form?: FormData;
  /** Names of the multipart parts in the order they came. */
  partOrder?: string[];
}

export type Reply =
  | { status?: number; headers?: Record<string, string>; json?: unknown; body?: Buffer | string }
  /** Never answers (until the server closes). */
  | 'hang';

export type Handler = (request: Received, match: RegExpExecArray) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  path: RegExp;
  handle: Handler;
}

async function parseBody(headers: IncomingHttpHeaders, body: Buffer): Promise<Pick<Received, 'json' | 'form' | 'partOrder'>> {
  const type = headers['content-type'] ?? '';
  if (type.includes('application/json') && body.length) {
    try {
      return { json: JSON.parse(body.toString('utf8')) };
    } catch {
      return {};
    }
  }
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(body) }).formData();
    const partOrder = [...body.toString('latin1').matchAll(/Content-Disposition: form-data; name="([^"]+)"/gi)].map((m) => m[1]!);
    return { form, partOrder };
  }
  return {};
}

/**
 * A loopback HTTP server (127.0.0.1, a free port) that answers like a provider: `routes` give the
 * default behaviour, `override` puts a scripted answer in front of it for the next `times`
 * requests, and every request is recorded so tests can assert exactly what was sent.
 */
export async function startFakeServer(routes: Route[]) {
  const received: Received[] = [];
  const overrides: { method: string; path: RegExp; handle: Handler; left: number }[] = [];
  const sockets = new Set<Socket>();
  const hangListeners = new Set<(r: Received) => void>();
  const hung: Received[] = [];

  const write = (res: ServerResponse, reply: Exclude<Reply, 'hang'>) => {
    const headers: Record<string, string> = { ...reply.headers };
    let body: Buffer | string = reply.body ?? '';
    if (reply.json !== undefined) {
      body = JSON.stringify(reply.json);
      headers['content-type'] ??= 'application/json';
    }
    res.writeHead(reply.status ?? 200, headers);
    res.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        const body = Buffer.concat(chunks);
        const record: Received = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, ...(await parseBody(req.headers, body)) };
        received.push(record);
        const scripted = overrides.find((o) => o.left > 0 && o.method === record.method && o.path.test(record.path));
        const route = scripted ?? routes.find((r) => r.method === record.method && r.path.test(record.path));
        if (scripted) scripted.left--;
        if (!route) return write(res, { status: 404, json: { error: `no route ${record.method} ${record.path}` } });
        try {
          const reply = await route.handle(record, route.path.exec(record.path)!);
          if (reply === 'hang') {
            hung.push(record);
            for (const listener of hangListeners) listener(record);
            return;
          }
          write(res, reply);
        } catch (error) {
          write(res, { status: 500, json: { error: `fake server crashed: ${(error as Error).message}` } });
        }
      })();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** Requests received with this method whose path matches. */
    requests: (method: string, path: RegExp) => received.filter((r) => r.method === method && path.test(r.path)),
    override(method: string, path: RegExp, handle: Handler, times = 1) {
      overrides.unshift({ method, path, handle, left: times });
    },
    /** Resolves once a request has been left hanging. */
    whenHung: (): Promise<Received> =>
      hung.length ? Promise.resolve(hung[0]!) : new Promise((resolve) => hangListeners.add(resolve)),
    async close(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type FakeServer = Awaited<ReturnType<typeof startFakeServer>>;
