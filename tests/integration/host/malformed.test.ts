import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpc, startHost, type RunningHost } from '../../helpers/host';
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

async function stillServing(): Promise<void> {
  expect(host.child.exitCode).toBeNull();
  expect(await rpc(host, 'queue.state')).toMatchObject({ target: expect.any(Number) });
}

describe('browser host with malformed request addresses', () => {
  it('answers 400 to an address that is not a URL, before authentication, and keeps serving', async () => {
    const answer = await rawRequest(host.origin, requestText(host.origin, 'GET //[ HTTP/1.1'));
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('"code":"invalid_input"');
    await stillServing();
  });

  it('answers 400 to a broken percent-escape with the token, and keeps serving', async () => {
    const answer = await rawRequest(host.origin, requestText(host.origin, 'GET /%E0%A4%A HTTP/1.1', [`Authorization: Bearer ${host.token}`]));
    expect(answer.status).toBe(400);
    await stillServing();
  });

  it('answers 400 to a NUL hidden in a percent-escape of a static path', async () => {
    const answer = await rawRequest(host.origin, requestText(host.origin, 'GET /assets/%00.js HTTP/1.1', [`Authorization: Bearer ${host.token}`]));
    expect(answer.status).toBe(400);
    await stillServing();
  });
});
