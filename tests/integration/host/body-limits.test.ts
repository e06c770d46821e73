import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../helpers/host';
import { rawRequest, requestText } from '../../helpers/raw-http';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
let host: RunningHost;
beforeAll(async () => {
  host = await startHost(dir.path);
});
afterAll(async () => {
  await host.stop();
  dir.remove();
});

const post = (headers: string[], body = '{}') =>
  rawRequest(host.origin, requestText(host.origin, 'POST /rpc/queue.state HTTP/1.1', [`Authorization: Bearer ${host.token}`, ...headers], body));

describe('browser host request bodies', () => {
  it('answers 413 from a Content-Length over the limit, before reading the body', async () => {
    const answer = await post(['Content-Type: application/json', 'Content-Length: 99999999999'], '{}');
    expect(answer.status).toBe(413);
    expect(answer.text).toContain('"code":"image_too_large"');
  });

  it('answers 413 when a chunked body passes the limit', async () => {
    const chunk = 'a'.repeat(8 * 1024 * 1024);
    const body = `${Array.from({ length: 8 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('')}0\r\n\r\n`;
    const answer = await post(['Content-Type: application/json', 'Transfer-Encoding: chunked'], body);
    expect(answer.status).toBe(413);
  });

  it('accepts application/json with an optional UTF-8 charset, and nothing that merely starts like it', async () => {
    expect((await post(['Content-Type: application/json', 'Content-Length: 2'])).status).toBe(200);
    expect((await post(['Content-Type: Application/JSON; charset="UTF-8"', 'Content-Length: 2'])).status).toBe(200);
    for (const type of ['application/jsonx', 'application/json-seq', 'application/json; charset=latin1', 'text/plain']) {
      expect((await post([`Content-Type: ${type}`, 'Content-Length: 2'])).status, type).toBe(415);
    }
  });
});
