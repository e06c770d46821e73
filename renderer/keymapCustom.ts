import { KEYMAP, type KeyBinding, type Scope } from './keymap';

// Remapped keys: an admin gives an action another key (or the five ratings five other keys). The
// keymap stays the one table; overrides replace the keys of the bindings that carry an id, and a
// key that would then mean two things in one place is refused with a message.

/** Per binding id, its keys in order (ratings: the keys for 1, 2, 3, 4, 5). */
export type KeyOverrides = Record<string, readonly string[]>;

/** The bindings an admin may change; arrows, Tab, Escape and Ctrl combinations stay fixed. */
export const remappable = (keymap: readonly KeyBinding[] = KEYMAP): KeyBinding[] => keymap.filter((b) => b.id !== undefined);

const NAMES: Record<string, string> = { ' ': 'Space', Enter: 'Enter' };

/** How a key reads in the help overlay and the key editor. */
export function keyName(key: string): string {
  return NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key);
}

/** The keymap with the overrides applied; labels follow the keys so help says what the app does. */
export function applyOverrides(overrides: KeyOverrides, keymap: readonly KeyBinding[] = KEYMAP): KeyBinding[] {
  return keymap.map((binding) => {
    const keys = binding.id === undefined ? undefined : overrides[binding.id];
    if (keys === undefined || keys.length !== binding.keys.length) return binding;
    const label = binding.id === 'rate' ? keys.map(keyName).join(' ') : keys.map(keyName).join(' or ');
    return { ...binding, keys, label: binding.events?.includes('keyup') ? `${label} (hold)` : label };
  });
}

const FIXED = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Tab', 'Escape']);

/** A key a binding can take: one character, Space or Enter; letters in lower case. */
export function normaliseKey(key: string): string | null {
  if (key === 'Enter' || key === ' ') return key;
  if (key.length !== 1 || FIXED.has(key)) return null;
  return key.toLowerCase();
}

/**
 * Why `key` cannot become the key at `index` of binding `id`, in words for the admin; null when it can.
 * Two bindings clash when they share a scope, an event and a key.
 */
export function conflict(keymap: readonly KeyBinding[], id: string, index: number, key: string): string | null {
  const target = keymap.find((b) => b.id === id);
  if (target === undefined) return `There is no action "${id}" to change.`;
  const normal = normaliseKey(key);
  if (normal === null) return `${keyName(key)} cannot be remapped: arrows, Tab and Escape keep their jobs. Choose a letter, digit or sign.`;
  const events = target.events ?? ['keydown'];
  const shares = (b: KeyBinding) => b.scopes.some((s: Scope) => target.scopes.includes(s)) && (b.events ?? ['keydown']).some((e) => events.includes(e));
  for (const other of keymap) {
    if (!shares(other)) continue;
    const keys = other === target ? other.keys.filter((_, i) => i !== index) : other.keys;
    if (keys.includes(normal)) {
      const what = other === target ? `already one of the keys of "${other.description}"` : `already the key of "${other.description}"`;
      return `${keyName(normal)} is ${what}. Choose another key, or give that action a different key first.`;
    }
  }
  return null;
}
