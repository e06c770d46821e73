import { describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../../renderer/transport/httpTransport';
import { HostError, OFFLINE_MESSAGE } from '../../../renderer/transport/hostError';

type Listener = (event: Event) => void;

function setup(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const requests: { url: string; init: RequestInit }[] = [];
  const sources: { url: string; listeners: Map<string, Listener[]> }[] = [];
  const transport = createHttpTransport({
    fetch: async (input, init) => {
      const url = String(input);
      requests.push({ url, init: init ?? {} });
      return respond(url, init ?? {});
    },
    openEvents: (url) => {
      const source = { url, listeners: new Map<string, Listener[]>() };
      sources.push(source);
      return {
        addEventListener: (name: string, listener: Listener) => {
          source.listeners.set(name, [...(source.listeners.get(name) ?? []), listener]);
        },
      } as unknown as EventSource;
    },
  });
  const emit = (name: string, data: string) =>
    sources[0]?.listeners.get(name)?.forEach((l) => l({ data } as unknown as Event));
  return { transport, requests, sources, emit };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function rejection(promise: Promise<unknown>): Promise<HostError> {
  try {
    await promise;
  } catch (error) {
    return error as HostError;
  }
  throw new Error('expected a rejection');
}

describe('HTTP transport', () => {
  it('POSTs the input as JSON to /rpc/<call> and returns the result', async () => {
    const t = setup(() => json(200, { ok: true, result: { mode: 'structure' } }));
    await expect(t.transport.invoke('settings.update', { mode: 'structure' })).resolves.toEqual({ mode: 'structure' });
    expect(t.requests[0]?.url).toBe('/rpc/settings.update');
    expect(t.requests[0]?.init.method).toBe('POST');
    expect(t.requests[0]?.init.body).toBe('{"mode":"structure"}');
  });

  it("rejects with the host's code and message", async () => {
    const t = setup(() => json(400, { ok: false, error: { code: 'invalid_input', message: 'rate both options A and B' } }));
    const error = await rejection(t.transport.invoke('train.rate', {}));
    expect(error).toBeInstanceOf(HostError);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('rate both options A and B');
  });

  it('says the host is not answering when the network fails', async () => {
    const t = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await rejection(t.transport.invoke('app.info', {}));
    expect(error.code).toBe('offline');
    expect(error.message).toBe(OFFLINE_MESSAGE);
  });

  it('explains an answer without a readable body', async () => {
    const t = setup(() => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const error = await rejection(t.transport.invoke('app.info', {}));
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/502/);
  });

  it('opens one EventSource on /events and delivers parsed payloads per event name', () => {
    const t = setup(() => json(200, { ok: true, result: null }));
    const queueEvents: unknown[] = [];
    const statusEvents: unknown[] = [];
    const off = t.transport.subscribe('queueChanged', (p) => queueEvents.push(p));
    t.transport.subscribe('statusChanged', (p) => statusEvents.push(p));
    expect(t.sources).toHaveLength(1);
    expect(t.sources[0]?.url).toBe('/events');
    t.emit('queueChanged', '{"ready":1}');
    t.emit('statusChanged', '{"mode":"structure","samples_collected":2}');
    t.emit('queueChanged', 'not json');
    off();
    t.emit('queueChanged', '{"ready":2}');
    expect(queueEvents).toEqual([{ ready: 1 }]);
    expect(statusEvents).toEqual([{ mode: 'structure', samples_collected: 2 }]);
  });

  it('builds image URLs for full images and thumbnails', () => {
    const t = setup(() => json(200, {}));
    const sha = 'ab'.repeat(32);
    expect(t.transport.imageUrl(sha)).toBe(`/images/${sha}`);
    expect(t.transport.imageUrl(sha, 'thumb')).toBe(`/images/${sha}?variant=thumb`);
  });
});
