import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, EVENT_NAMES } from '../../../core/api';
import { parseImageUrl } from '../../../electron/urls';

// Electron cannot run here, so the preload runs against stand-ins for the two objects it touches,
// which record what it exposes and which channels it uses.
const exposed = vi.hoisted(() => new Map<string, Record<string, (...args: never[]) => unknown>>());
const ipc = vi.hoisted(() => ({
  invoked: [] as string[],
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
  answer: { ok: true, result: 'fine' } as unknown,
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld(key: string, api: Record<string, (...args: never[]) => unknown>) {
      if (exposed.has(key)) throw new Error(`${key} exposed twice`);
      exposed.set(key, api);
    },
  },
  ipcRenderer: {
    async invoke(channel: string) {
      ipc.invoked.push(channel);
      return ipc.answer;
    },
    on(channel: string, listener: (...args: unknown[]) => void) {
      if (!ipc.listeners.has(channel)) ipc.listeners.set(channel, new Set());
      ipc.listeners.get(channel)!.add(listener);
    },
    removeListener(channel: string, listener: (...args: unknown[]) => void) {
      ipc.listeners.get(channel)?.delete(listener);
    },
  },
}));

interface Bridge {
  invoke(name: string, input?: unknown): Promise<unknown>;
  subscribe(name: string, listener: (payload: unknown) => void): () => void;
  imageUrl(sha256: string, variant?: 'full' | 'thumb'): string;
}
let bridge: Bridge;

beforeAll(async () => {
  await import('../../../electron/preload');
  bridge = exposed.get('latina') as unknown as Bridge;
});

describe('the preload bridge', () => {
  it('exposes one object, with invoke, subscribe and imageUrl only', () => {
    expect([...exposed.keys()]).toEqual(['latina']);
    expect(Object.keys(bridge).sort()).toEqual(['imageUrl', 'invoke', 'subscribe']);
  });

  it('invokes exactly the contract calls, each on the channel main registers', async () => {
    ipc.invoked.length = 0;
    for (const name of CALL_NAMES) expect(await bridge.invoke(name, {})).toBe('fine');
    expect(ipc.invoked).toEqual(CALL_NAMES.map((name) => `app:${name}`));
  });

  it('refuses names outside the contract without touching IPC', async () => {
    ipc.invoked.length = 0;
    for (const name of ['train.drop', 'app:queue.state', '__proto__', 'constructor', 'queue.state ', '']) {
      await expect(bridge.invoke(name, {})).rejects.toMatchObject({ code: 'not_found' });
    }
    expect(ipc.invoked).toEqual([]);
  });

  it('turns an error envelope into the plain { code, message } the renderer reads', async () => {
    ipc.answer = { ok: false, error: { code: 'invalid_input', message: 'Rate both options.' } };
    await expect(bridge.invoke('train.rate', {})).rejects.toEqual({ code: 'invalid_input', message: 'Rate both options.' });
    ipc.answer = { ok: true, result: 'fine' };
  });

  it('subscribes to exactly the contract events, and unsubscribes', () => {
    for (const name of EVENT_NAMES) {
      const seen: unknown[] = [];
      const stop = bridge.subscribe(name, (payload) => seen.push(payload));
      const channel = `app-event:${name}`;
      for (const listener of ipc.listeners.get(channel)!) listener({}, { n: 1 });
      expect(seen).toEqual([{ n: 1 }]);
      stop();
      expect(ipc.listeners.get(channel)!.size).toBe(0);
    }
    expect([...ipc.listeners.keys()].sort()).toEqual(EVENT_NAMES.map((name) => `app-event:${name}`).sort());
    expect(() => bridge.subscribe('ipc-message', () => {})).toThrow(/Unknown event/);
  });

  it('makes image URLs that the main process accepts, for the same image and variant', () => {
    const sha = 'c0'.repeat(32);
    expect(parseImageUrl(bridge.imageUrl(sha))).toEqual({ sha256: sha, variant: 'full' });
    expect(parseImageUrl(bridge.imageUrl(sha, 'thumb'))).toEqual({ sha256: sha, variant: 'thumb' });
  });
});
