import type { CallInput, CallOutput } from './calls';
import type { EventPayload } from './events';
import type { CallName, EventName } from './names';

/**
 * What a host offers the renderer: the Electron preload and the browser host each provide one.
 * `invoke` rejects with an `{ code, message }` error; `imageUrl` is the only way to show an image.
 */
export interface Transport {
  invoke(name: CallName, input: unknown): Promise<unknown>;
  subscribe(name: EventName, listener: (payload: unknown) => void): () => void;
  imageUrl(sha256: string, variant?: 'full' | 'thumb'): string;
}

export interface ApiClient {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  imageUrl(sha256: string, variant?: 'full' | 'thumb'): string;
}

/** The renderer's typed client: one generic wrapper, so adding a call needs nothing here. */
export function createClient(transport: Transport): ApiClient {
  return {
    call: (name, input) => transport.invoke(name, input) as Promise<never>,
    on: (name, listener) => transport.subscribe(name, listener as (payload: unknown) => void),
    imageUrl: (sha256, variant) => transport.imageUrl(sha256, variant),
  };
}
