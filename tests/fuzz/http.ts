import fc from 'fast-check';
import { CALL_NAMES } from '../../core/api';
import { rawRequest } from '../helpers/raw-http';
import { contractCase, type FuzzReport } from './contract';
import { rarely } from './values';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'G\u0000T', 'POST /x', ''];
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"', 'application/jsonx', 'text/plain', 'application/json; charset=latin1', '', 'multipart/form-data; boundary=x'];

const percentSoup = fc
  .array(fc.oneof(fc.constantFrom('%', '%E0%A4%A', '%00', '%2e%2e%2f', '%ZZ', '..', '/', '//', '[', ']', '?', '#', '\\', '@', ':', 'token='), fc.string({ maxLength: 4 })), { maxLength: 8 })
  .map((parts) => `/${parts.join('')}`);

const target = fc.oneof(
  fc.constantFrom('/', '//[', '/%E0%A4%A', '*', 'http://evil.example/', '/index.html', '/assets/../../package.json', `/images/${'a'.repeat(64)}`, `/images/${'f'.repeat(64)}?variant=thumb`),
  fc.constantFrom(...CALL_NAMES).map((name) => `/rpc/${name}`),
  fc.constantFrom('/rpc/nope.nothing', '/rpc/train.rate/', '/rpc/'),
  percentSoup,
  // Server-sent events keep the connection open by design; they are tested on their own.
).filter((path) => !path.startsWith('/events'));

const body = fc.oneof(
  contractCase(['exp_1', 'ana@studio', 'v1.0.0']).map(([, input]) => JSON.stringify(input) ?? ''),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', '{', '[]', 'null', '{"__proto__":{"x":1}}', '{"a":1e999}', '\u0000'),
);

/** One raw HTTP/1.1 request: request line, headers and body, each possibly malformed. */
function requestFor(origin: string, token: string): fc.Arbitrary<string> {
  const host = new URL(origin).host;
  return fc
    .record({
      method: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('GET', 'POST') }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
      target: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CALL_NAMES).map((name) => `/rpc/${name}`) }, { weight: 2, arbitrary: target }),
      version: fc.oneof({ weight: 8, arbitrary: fc.constant('HTTP/1.1') }, { weight: 1, arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/9.9', '') }),
      host: fc.oneof({ weight: 8, arbitrary: fc.constant(host) }, { weight: 1, arbitrary: fc.constantFrom('evil.example', null, `${host}\u0000`) }),
      auth: fc.constantFrom(`Bearer ${token}`, `Bearer ${token}`, 'Bearer x', null, `Basic ${token}`),
      cookie: fc.constantFrom(null, `latina_token=${token}`, 'latina_token=', '=;;=;'),
      origin: fc.constantFrom(null, null, origin, 'http://evil.example', 'null'),
      contentType: fc.option(fc.constantFrom(...CONTENT_TYPES)),
      length: fc.constantFrom('exact', 'exact', 'none', 'chunked', '-1', '99999999999', 'abc', '3'),
      extra: rarely(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 20 }))),
      body,
    })
    .map((r) => {
      const bytes = Buffer.byteLength(r.body);
      const headers = [
        r.host !== null ? `Host: ${r.host}` : null,
        r.auth !== null ? `Authorization: ${r.auth}` : null,
        r.cookie !== null ? `Cookie: ${r.cookie}` : null,
        r.origin !== null ? `Origin: ${r.origin}` : null,
        r.contentType !== null ? `Content-Type: ${r.contentType}` : null,
        r.length === 'exact' ? `Content-Length: ${bytes}` : r.length === 'chunked' ? 'Transfer-Encoding: chunked' : r.length === 'none' ? null : `Content-Length: ${r.length}`,
        'Connection: close',
        ...(r.extra ? [`${r.extra[0]}: ${r.extra[1]}`] : []),
      ].filter((line): line is string => line !== null);
      const payload = r.length === 'chunked' ? `${bytes.toString(16)}\r\n${r.body}\r\n0\r\n\r\n` : r.body;
      return `${[r.method, r.target, r.version].filter(Boolean).join(' ')}\r\n${headers.join('\r\n')}\r\n\r\n${payload}`;
    });
}

/**
 * Sends generated raw requests to a running host. A case fails when the host answers 500 or stops
 * accepting connections; a closed connection without an answer (Node's parser does that for bytes
 * that are not HTTP at all) is accepted.
 */
export async function fuzzHttp(host: { origin: string; token: string }, options: { runs: number; seed: number }): Promise<FuzzReport & { statuses: Record<string, number> }> {
  const statuses: Record<string, number> = {};
  let refused = 0;
  const details = await fc.check(
    fc.asyncProperty(requestFor(host.origin, host.token), async (request) => {
      const answer = await rawRequest(host.origin, request);
      const status = answer.timedOut ? 'no answer' : String(answer.status ?? 'closed');
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (answer.status !== null && answer.status >= 400) refused += 1;
      if (answer.status !== null && answer.status >= 500) throw new Error(`the host answered ${answer.status}:\n${answer.text.slice(0, 600)}`);
    }),
    { numRuns: options.runs, seed: options.seed, endOnFailure: true },
  );
  if (details.failed) throw new Error(fc.defaultReportMessage(details));
  return { cases: details.numRuns, refused, statuses };
}
