import type { CallName, EventName, Transport } from '../../core/api';
import { toHostError } from './hostError';

/** What the Electron preload exposes on `window.latina`: exactly the contract, nothing of Node. */
export interface LatinaBridge {
  invoke(name: string, input: unknown): Promise<unknown>;
  subscribe(name: string, listener: (payload: unknown) => void): () => void;
  imageUrl(sha256: string, variant?: 'full' | 'thumb'): string;
}

declare global {
  interface Window {
    latina?: LatinaBridge;
  }
}

export function isLatinaBridge(value: unknown): value is LatinaBridge {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.invoke === 'function' && typeof v.subscribe === 'function' && typeof v.imageUrl === 'function';
}

export function createBridgeTransport(bridge: LatinaBridge): Transport {
  return {
    // IPC rejections arrive as plain objects or Errors; normalise so the UI sees { code, message }.
    invoke: (name: CallName, input: unknown) => bridge.invoke(name, input).catch((error: unknown) => {
      throw toHostError(error);
    }),
    subscribe: (name: EventName, listener) => bridge.subscribe(name, listener),
    imageUrl: (sha256, variant) => bridge.imageUrl(sha256, variant),
  };
}
