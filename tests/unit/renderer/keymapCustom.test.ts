import { describe, expect, it } from 'vitest';
import { KEYMAP, resolveKey, type KeyContext, type KeyInput } from '../../../renderer/keymap';
import { applyOverrides, conflict } from '../../../renderer/keymapCustom';
import { createKeysStore, type KeyStorage } from '../../../renderer/stores/keysStore';

const rating: KeyContext = { page: 'train', dialog: 'none', typing: false, focused: 'A' };
const press = (key: string): KeyInput => ({ type: 'keydown', key, ctrl: false, meta: false, alt: false, shift: false });

function memory(initial: string | null = null): KeyStorage & { value: string | null } {
  const box = { value: initial, load: () => box.value, save: (v: string | null) => void (box.value = v) };
  return box;
}

describe('remapped keys', () => {
  it('rating keys remapped to other keys rate by position', () => {
    const keymap = applyOverrides({ rate: ['a', 's', 'd', 'f', 'g'] });
    expect(resolveKey(press('d'), rating, keymap)).toEqual({ type: 'rate', option: 'A', value: 3 });
    expect(resolveKey(press('3'), rating, keymap)).toBeNull();
    expect(keymap.find((b) => b.id === 'rate')!.label).toBe('A S D F G');
  });

  it('an action moved to another key answers there and no longer at the old one', () => {
    const keymap = applyOverrides({ undo: ['g'] });
    expect(resolveKey(press('g'), rating, keymap)).toEqual({ type: 'undo' });
    expect(resolveKey(press('u'), rating, keymap)).toBeNull();
  });

  it('refuses a key that already means something where the action applies, naming it', () => {
    expect(conflict(KEYMAP, 'undo', 0, 's')).toMatch(/S is already the key of "Skip this pair/);
    expect(conflict(KEYMAP, 'rate', 0, '2')).toMatch(/already one of the keys/);
    expect(conflict(KEYMAP, 'undo', 0, 'ArrowLeft')).toMatch(/arrows, Tab and Escape keep their jobs/);
    // History applies on the other pages too, where T leads back to Train.
    expect(conflict(KEYMAP, 'history', 0, 't')).toMatch(/already the key of/);
    // Skip's presets use 1–4 only inside the skip dialog: no clash with a rating-scope action.
    expect(conflict(KEYMAP, 'undo', 0, 'g')).toBeNull();
    expect(conflict(KEYMAP, 'undo', 0, 'u')).toBeNull();
  });
});

describe('keys store', () => {
  it('saves a remap on this workstation and reads it back; a refused one changes nothing', () => {
    const storage = memory();
    const keys = createKeysStore(storage);
    expect(keys.getState().assign('undo', 0, 'G')).toBe(true);
    expect(keys.getState().assign('skip', 0, 'g')).toBe(false);
    expect(keys.getState().problem).toMatch(/G is already the key of "Undo/);
    const again = createKeysStore(storage);
    expect(again.getState().keymap.find((b) => b.id === 'undo')!.keys).toEqual(['g']);
    expect(again.getState().keymap.find((b) => b.id === 'skip')!.keys).toEqual(['s']);
    again.getState().resetAll();
    expect(storage.value).toBeNull();
  });

  it('drops stored remaps that clash or do not parse', () => {
    expect(createKeysStore(memory('{"undo":["s"]}')).getState().overrides).toEqual({});
    expect(createKeysStore(memory('not json')).getState().overrides).toEqual({});
  });
});
