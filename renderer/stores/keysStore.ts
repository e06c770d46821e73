import { createStore, type StoreApi } from 'zustand/vanilla';
import { KEYMAP, type KeyBinding } from '../keymap';
import { applyOverrides, conflict, normaliseKey, type KeyOverrides } from '../keymapCustom';

// The keys in force on this workstation: the keymap with the admin's remaps. Kept in the
// renderer's own storage, per computer: keyboards and habits differ between desks, and the
// contract's settings have no place for them.

export interface KeyStorage {
  load(): string | null;
  save(value: string | null): void;
}

export interface KeysState {
  overrides: KeyOverrides;
  keymap: readonly KeyBinding[];
  /** Why the last remap was refused; null after one that worked. */
  problem: string | null;
}

export interface KeysActions {
  /** Gives key `key` to position `index` of binding `id`; false (and `problem` says why) when refused. */
  assign(id: string, index: number, key: string): boolean;
  resetAll(): void;
}

export type KeysStore = StoreApi<KeysState & KeysActions>;

function read(storage: KeyStorage): KeyOverrides {
  try {
    const parsed: unknown = JSON.parse(storage.load() ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const entries = Object.entries(parsed).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((k) => typeof k === 'string'));
    const overrides = Object.fromEntries(entries);
    // Stored remaps that clash (an older version's table, a hand-edited value) are dropped whole.
    return keymapIsConsistent(applyOverrides(overrides)) ? overrides : {};
  } catch {
    return {};
  }
}

function keymapIsConsistent(keymap: readonly KeyBinding[]): boolean {
  return keymap.every((b) => b.id === undefined || b.keys.every((key, i) => conflict(keymap, b.id!, i, key) === null));
}

export function createKeysStore(storage: KeyStorage): KeysStore {
  const initial = read(storage);
  return createStore<KeysState & KeysActions>()((set, get) => ({
    overrides: initial,
    keymap: applyOverrides(initial),
    problem: null,

    assign(id, index, key) {
      const { keymap, overrides } = get();
      const problem = conflict(keymap, id, index, key);
      if (problem !== null) return (set({ problem }), false);
      const binding = keymap.find((b) => b.id === id)!;
      const keys = binding.keys.map((k, i) => (i === index ? normaliseKey(key)! : k));
      const next = { ...overrides, [id]: keys };
      storage.save(JSON.stringify(next));
      set({ overrides: next, keymap: applyOverrides(next), problem: null });
      return true;
    },

    resetAll() {
      storage.save(null);
      set({ overrides: {}, keymap: KEYMAP, problem: null });
    },
  }));
}

/** The browser's storage for this workstation; a store in memory where there is none (tests). */
export function localKeyStorage(name = 'latina.keys'): KeyStorage {
  let memory: string | null = null;
  const available = typeof localStorage !== 'undefined';
  return {
    load: () => (available ? localStorage.getItem(name) : memory),
    save: (value) => {
      if (!available) memory = value;
      else if (value === null) localStorage.removeItem(name);
      else localStorage.setItem(name, value);
    },
  };
}
