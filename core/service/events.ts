import type { EventName, EventPayload } from '../api';

type Listener = (payload: unknown) => void;

/** Typed event fan-out for both hosts (IPC `webContents.send` and SSE). */
export function createEmitter() {
  const listeners = new Map<EventName, Set<Listener>>();
  return {
    emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
    subscribe(name: EventName, listener: Listener): () => void {
      const set = listeners.get(name) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
  };
}
export type Emitter = ReturnType<typeof createEmitter>;
