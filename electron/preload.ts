// The preload exposes exactly the contract: one `invoke` limited to the contract's call names, one
// `subscribe` limited to its event names, and image URLs by sha256. Never raw ipcRenderer.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isCallName, isEventName } from '../core/api/names';

type Envelope = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

contextBridge.exposeInMainWorld('latina', {
  async invoke(name: string, input: unknown): Promise<unknown> {
    if (!isCallName(name)) throw { code: 'not_found', message: `Unknown call "${name}".` };
    const envelope = (await ipcRenderer.invoke(`app:${name}`, input)) as Envelope;
    // Plain objects survive the context bridge intact; Error subclasses would lose their code.
    if (!envelope.ok) throw envelope.error;
    return envelope.result;
  },
  subscribe(name: string, listener: (payload: unknown) => void): () => void {
    if (!isEventName(name)) throw new Error(`Unknown event "${name}".`);
    const channel = `app-event:${name}`;
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => ipcRenderer.removeListener(channel, handler);
  },
  imageUrl(sha256: string, variant?: 'full' | 'thumb'): string {
    return `app-image://${sha256}/${variant === 'thumb' ? '?variant=thumb' : ''}`;
  },
});
