import { connect } from 'node:net';

export interface RawAnswer {
  /** The status code of the first response line, or null when the host closed without one. */
  status: number | null;
  text: string;
  /** The host neither answered nor closed within the wait: it is waiting for bytes that never come. */
  timedOut: boolean;
}

/**
 * Writes bytes to the host as they are, over a plain socket, and collects what comes back until the
 * host closes the connection. `fetch` and `http.request` refuse most malformed requests before they
 * leave, so this is the only way to send them.
 */
export function rawRequest(origin: string, bytes: string | Buffer, waitMs = 10_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.end(bytes));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A host that answers and closes while the request is still being written resets the socket.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') finish(false);
      else reject(error);
    });
    socket.on('close', () => finish(false));
    socket.setTimeout(waitMs, () => {
      finish(true);
      socket.destroy();
    });
    let done = false;
    function finish(timedOut: boolean) {
      if (done) return;
      done = true;
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : null, text, timedOut });
    }
  });
}

/** A request for the host on `origin`, with its own Host header and `Connection: close`. */
export function requestText(origin: string, requestLine: string, headers: string[] = [], body = ''): string {
  const host = new URL(origin).host;
  return [requestLine, `Host: ${host}`, 'Connection: close', ...headers, '', body].join('\r\n');
}
