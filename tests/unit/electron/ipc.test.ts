import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../../core/api';
import type { Service } from '../../../core/service';
import { registerContract, type IpcMainLike } from '../../../electron/ipc';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

type Handler = Parameters<IpcMainLike['handle']>[1];

/** Records registrations the way ipcMain would hold them, refusing a second handler for a channel as Electron does. */
function recordingIpcMain() {
  const handlers = new Map<string, Handler>();
  const registrations: string[] = [];
  return {
    handlers,
    registrations,
    handle(channel: string, listener: Handler) {
      registrations.push(channel);
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
  };
}

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;
const ours = frame('app://latina/index.html');

const dir = tempDir();
let service: Service;
beforeAll(async () => {
  service = await startService(dir.path);
});
afterAll(async () => {
  await service.close();
  dir.remove();
});

describe('the contract over IPC', () => {
  it('registers exactly one handler per contract call, on app:<name>', () => {
    const ipc = recordingIpcMain();
    registerContract(ipc, service);
    expect([...ipc.registrations].sort()).toEqual(CALL_NAMES.map((name) => `app:${name}`).sort());
    expect(new Set(ipc.registrations).size).toBe(ipc.registrations.length);
  });

  it('answers our page with the service result, and a bad input with its typed error', async () => {
    const ipc = recordingIpcMain();
    registerContract(ipc, service);
    const state = await ipc.handlers.get('app:queue.state')!(ours, {});
    expect(state).toMatchObject({ ok: true, result: { ready: expect.any(Number) } });
    const bad = await ipc.handlers.get('app:train.rate')!(ours, { experiment_id: 'x', ratings: [], outcome: 'A', rated_by: 'ana' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses callers other than our page before the service runs', async () => {
    const ipc = recordingIpcMain();
    registerContract(ipc, service);
    const before = await ipc.handlers.get('app:settings.get')!(ours, {});
    const strangers = [
      frame('https://evil.example/'),
      frame('file:///tmp/page.html'),
      frame('app://latina/index.html', { url: 'app://latina/index.html' }),
      { senderFrame: null } as unknown as IpcMainInvokeEvent,
    ];
    for (const event of strangers) {
      expect(await ipc.handlers.get('app:settings.update')!(event, { rater_id: 'mallory' })).toEqual({
        ok: false,
        error: { code: 'unauthorized', message: 'Only the workstation window may call the app.' },
      });
    }
    expect(await ipc.handlers.get('app:settings.get')!(ours, {})).toEqual(before);
  });
});
