import type { IpcMainInvokeEvent } from 'electron';
import { CALL_NAMES, toApiError } from '../core/api';
import type { Service } from '../core/service';
import { isTrustedSender } from './urls';

/** The part of Electron's ipcMain the contract needs; tests pass a recorder. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>): void;
}

export const callChannel = (name: string) => `app:${name}`;

/**
 * One handler per contract call, on `app:<area>.<call>`. A call from any frame but our own page's
 * top frame is refused before the service sees it.
 */
export function registerContract(ipcMain: IpcMainLike, service: Pick<Service, 'invoke'>): void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(callChannel(name), async (event, input) => {
      if (!isTrustedSender(event.senderFrame)) {
        return { ok: false, error: { code: 'unauthorized', message: 'Only the workstation window may call the app.' } };
      }
      try {
        return { ok: true, result: await service.invoke(name, input) };
      } catch (error) {
        return { ok: false, error: toApiError(error).toJSON() };
      }
    });
  }
}
