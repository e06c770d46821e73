import type { CallName, EventName, Transport } from '../../core/api';
import { isApiErrorShape } from '../../core/api';
import { HostError, OFFLINE_MESSAGE } from './hostError';

// The browser host's side of the contract: POST /rpc/<call>, Server-Sent Events on /events, images
// under /images. Authentication is the cookie the host set on first load; same-origin requests carry it.

type EventSourceLike = Pick<EventSource, 'addEventListener'>;

export interface HttpTransportDeps {
  fetch: typeof fetch;
  openEvents: (url: string) => EventSourceLike;
}

async function readBody(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

export function createHttpTransport(deps: HttpTransportDeps): Transport {
  let events: EventSourceLike | null = null;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  // One EventSource for the whole app, opened on first subscription; it reconnects by itself.
  const listen = (name: EventName): Set<(payload: unknown) => void> => {
    const existing = listeners.get(name);
    if (existing) return existing;
    const set = new Set<(payload: unknown) => void>();
    listeners.set(name, set);
    events ??= deps.openEvents('/events');
    events.addEventListener(name, (message: Event) => {
      let payload: unknown;
      try {
        payload = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return; // a malformed event carries nothing we could act on
      }
      for (const listener of set) listener(payload);
    });
    return set;
  };

  return {
    async invoke(name: CallName, input: unknown): Promise<unknown> {
      let response: Response;
      try {
        response = await deps.fetch(`/rpc/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        throw new HostError('offline', OFFLINE_MESSAGE);
      }
      const body = (await readBody(response)) as { ok?: unknown; result?: unknown; error?: unknown } | undefined;
      if (response.ok && body?.ok === true) return body.result;
      if (body !== undefined && isApiErrorShape(body.error)) {
        throw new HostError(body.error.code, body.error.message);
      }
      throw new HostError(
        'internal',
        `The host answered ${response.status} ${response.statusText} without an explanation. Try again; restart the app if it repeats.`,
      );
    },
    subscribe(name: EventName, listener: (payload: unknown) => void): () => void {
      const set = listen(name);
      set.add(listener);
      return () => set.delete(listener);
    },
    imageUrl(sha256: string, variant?: 'full' | 'thumb'): string {
      const path = `/images/${encodeURIComponent(sha256)}`;
      return variant === 'thumb' ? `${path}?variant=thumb` : path;
    },
  };
}
