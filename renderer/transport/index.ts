import type { Transport } from '../../core/api';
import { createBridgeTransport, isLatinaBridge } from './bridgeTransport';
import { createHttpTransport } from './httpTransport';

/** Electron when its preload bridge is present, the browser host's HTTP otherwise. */
export function selectTransport(): Transport {
  if (isLatinaBridge(window.latina)) return createBridgeTransport(window.latina);
  return createHttpTransport({
    fetch: (input, init) => window.fetch(input, init),
    openEvents: (url) => new EventSource(url),
  });
}

