import { describe, expect, it } from 'vitest';
import { activeScope, KEYMAP, resolveKey, type KeyContext, type KeyInput } from '../../../renderer/keymap';

const rating: KeyContext = { page: 'train', dialog: 'none', typing: false, focused: 'A' };
const key = (k: string, change: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keydown',
  key: k,
  ctrl: false,
  meta: false,
  alt: false,
  shift: false,
  ...change,
});

describe('keymap in rating mode', () => {
  it('rates the focused option with 1–5', () => {
    for (const v of [1, 2, 3, 4, 5]) {
      expect(resolveKey(key(String(v)), rating)).toEqual({ type: 'rate', option: 'A', value: v });
      expect(resolveKey(key(String(v)), { ...rating, focused: 'B' })).toEqual({ type: 'rate', option: 'B', value: v });
    }
  });

  it('ignores 0, 6 and other digits', () => {
    expect(resolveKey(key('0'), rating)).toBeNull();
    expect(resolveKey(key('6'), rating)).toBeNull();
  });

  it('arrows focus A and B, Tab and Shift+Tab switch', () => {
    expect(resolveKey(key('ArrowLeft'), { ...rating, focused: 'B' })).toEqual({ type: 'focusOption', option: 'A' });
    expect(resolveKey(key('ArrowRight'), rating)).toEqual({ type: 'focusOption', option: 'B' });
    expect(resolveKey(key('Tab'), rating)).toEqual({ type: 'focusOption', option: 'B' });
    expect(resolveKey(key('Tab'), { ...rating, focused: 'B' })).toEqual({ type: 'focusOption', option: 'A' });
    expect(resolveKey(key('Tab', { shift: true }), rating)).toEqual({ type: 'focusOption', option: 'B' });
  });

  it('maps the letter keys in either case', () => {
    const expected = {
      t: { type: 'toggleOutcome', outcome: 'tie' },
      x: { type: 'toggleOutcome', outcome: 'both_bad' },
      z: { type: 'toggleZoom' },
      c: { type: 'focusComment', option: 'A' },
      u: { type: 'undo' },
      s: { type: 'openSkip' },
      h: { type: 'toggleHistory' },
      p: { type: 'goToPage', page: 'prompts' },
      m: { type: 'goToPage', page: 'model' },
    };
    for (const [letter, action] of Object.entries(expected)) {
      expect(resolveKey(key(letter), rating)).toEqual(action);
      expect(resolveKey(key(letter.toUpperCase(), { shift: true }), rating)).toEqual(action);
    }
  });

  it('C targets the comment of the option in focus', () => {
    expect(resolveKey(key('c'), { ...rating, focused: 'B' })).toEqual({ type: 'focusComment', option: 'B' });
  });

  it('Enter submits, with or without Ctrl/Cmd', () => {
    expect(resolveKey(key('Enter'), rating)).toEqual({ type: 'submit' });
    expect(resolveKey(key('Enter', { ctrl: true }), rating)).toEqual({ type: 'submit' });
    expect(resolveKey(key('Enter', { meta: true }), rating)).toEqual({ type: 'submit' });
  });

  it('Space shows the original while held and restores on release', () => {
    expect(resolveKey(key(' '), rating)).toEqual({ type: 'showOriginal', on: true });
    expect(resolveKey(key(' ', { type: 'keyup' }), rating)).toEqual({ type: 'showOriginal', on: false });
  });

  it('other keys do nothing on release', () => {
    expect(resolveKey(key('1', { type: 'keyup' }), rating)).toBeNull();
    expect(resolveKey(key('Enter', { type: 'keyup' }), rating)).toBeNull();
  });

  it('? opens the help overlay', () => {
    expect(resolveKey(key('?', { shift: true }), rating)).toEqual({ type: 'openHelp' });
  });

  it('leaves browser and clipboard shortcuts alone', () => {
    expect(resolveKey(key('c', { ctrl: true }), rating)).toBeNull(); // copy
    expect(resolveKey(key('v', { meta: true }), rating)).toBeNull(); // paste
    expect(resolveKey(key('z', { ctrl: true }), rating)).toBeNull();
    expect(resolveKey(key('1', { alt: true }), rating)).toBeNull();
    expect(resolveKey(key('F5'), rating)).toBeNull();
  });
});

describe('keymap while typing in a text field', () => {
  const typing: KeyContext = { ...rating, typing: true };

  it('lets every ordinary key type', () => {
    for (const k of ['1', '5', 't', 'x', 'u', 's', 'h', 'c', 'z', '?', ' ', 'Enter', 'ArrowLeft', 'Tab']) {
      expect(resolveKey(key(k), typing), k).toBeNull();
    }
  });

  it('Escape leaves the field, Ctrl/Cmd+Enter submits', () => {
    expect(resolveKey(key('Escape'), typing)).toEqual({ type: 'leaveField' });
    expect(resolveKey(key('Enter', { ctrl: true }), typing)).toEqual({ type: 'submit' });
    expect(resolveKey(key('Enter', { meta: true }), typing)).toEqual({ type: 'submit' });
  });
});

describe('keymap with dialogs and pages', () => {
  it('skip dialog: 1–4 choose presets, Enter confirms, Escape cancels, 5 does nothing', () => {
    const skip: KeyContext = { ...rating, dialog: 'skip' };
    expect(resolveKey(key('1'), skip)).toEqual({ type: 'skipPreset', index: 0 });
    expect(resolveKey(key('4'), skip)).toEqual({ type: 'skipPreset', index: 3 });
    expect(resolveKey(key('5'), skip)).toBeNull();
    expect(resolveKey(key('Enter'), skip)).toEqual({ type: 'confirmSkip' });
    expect(resolveKey(key('Escape'), skip)).toEqual({ type: 'closeDialog' });
    expect(resolveKey(key('t'), skip)).toBeNull();
  });

  it('skip dialog reason field: digits type, Enter and Escape still work', () => {
    const skipTyping: KeyContext = { ...rating, dialog: 'skip', typing: true };
    expect(resolveKey(key('2'), skipTyping)).toBeNull();
    expect(resolveKey(key('Enter'), skipTyping)).toEqual({ type: 'confirmSkip' });
    expect(resolveKey(key('Escape'), skipTyping)).toEqual({ type: 'closeDialog' });
  });

  it('help overlay closes with Escape or ?, and blocks rating keys', () => {
    const help: KeyContext = { ...rating, dialog: 'help' };
    expect(resolveKey(key('Escape'), help)).toEqual({ type: 'closeDialog' });
    expect(resolveKey(key('?'), help)).toEqual({ type: 'closeDialog' });
    expect(resolveKey(key('3'), help)).toBeNull();
  });

  it('the rater dialog keeps every key for its form', () => {
    const rater: KeyContext = { ...rating, dialog: 'rater' };
    for (const k of ['1', 'Enter', 'Escape', 'Tab', 'h', '?']) expect(resolveKey(key(k), rater)).toBeNull();
  });

  it('history page: H returns to Train, ? helps, rating keys do nothing', () => {
    const history: KeyContext = { ...rating, page: 'history' };
    expect(resolveKey(key('h'), history)).toEqual({ type: 'toggleHistory' });
    expect(resolveKey(key('?'), history)).toEqual({ type: 'openHelp' });
    for (const k of ['1', 'Enter', 'Tab', ' ', 's', 'u']) expect(resolveKey(key(k), history), k).toBeNull();
  });

  it('every page has a key of its own from every other page, and Tab is left to the browser there', () => {
    for (const page of ['history', 'prompts', 'model'] as const) {
      const ctx: KeyContext = { ...rating, page };
      expect(resolveKey(key('t'), ctx), page).toEqual({ type: 'goToPage', page: 'train' });
      expect(resolveKey(key('h'), ctx), page).toEqual({ type: 'toggleHistory' });
      expect(resolveKey(key('p'), ctx), page).toEqual({ type: 'goToPage', page: 'prompts' });
      expect(resolveKey(key('M', { shift: true }), ctx), page).toEqual({ type: 'goToPage', page: 'model' });
      expect(resolveKey(key('Tab'), ctx), page).toBeNull();
    }
    // On Train, T stays the tie.
    expect(resolveKey(key('t'), rating)).toEqual({ type: 'toggleOutcome', outcome: 'tie' });
  });

  it('picks exactly one scope per context', () => {
    expect(activeScope(rating)).toBe('rating');
    expect(activeScope({ ...rating, typing: true })).toBe('typing');
    expect(activeScope({ ...rating, page: 'history' })).toBe('pages');
    expect(activeScope({ ...rating, page: 'model' })).toBe('pages');
    expect(activeScope({ ...rating, page: 'history', typing: true })).toBe('typing');
    expect(activeScope({ ...rating, dialog: 'skip' })).toBe('skip');
    expect(activeScope({ ...rating, dialog: 'rater' })).toBeNull();
  });
});

describe('the keymap table the help overlay lists', () => {
  it('has a label and description for every binding', () => {
    for (const binding of KEYMAP) {
      expect(binding.label.trim()).not.toBe('');
      expect(binding.description.trim()).not.toBe('');
    }
  });

  it('never binds one key twice in the same scope and event', () => {
    const seen = new Set<string>();
    for (const binding of KEYMAP) {
      for (const scope of binding.scopes) {
        for (const k of binding.keys) {
          for (const event of binding.events ?? ['keydown']) {
            const id = `${scope}/${k}/${event}/${binding.modifiers ?? 'none'}`;
            expect(seen.has(id), id).toBe(false);
            seen.add(id);
          }
        }
      }
    }
  });
});

describe('keymap: C and Escape while rating', () => {
  it('C comments on the option rated or chosen last, not the one the focus moved on to', () => {
    expect(resolveKey(key('c'), { ...rating, focused: 'B', commentTarget: 'A' })).toEqual({ type: 'focusComment', option: 'A' });
  });

  it('Escape leaves any focused control on every page', () => {
    expect(resolveKey(key('Escape'), rating)).toEqual({ type: 'leaveField' });
    expect(resolveKey(key('Escape'), { ...rating, page: 'history' })).toEqual({ type: 'leaveField' });
  });
});

describe('keymap: comparison views', () => {
  it('arrows pan while zoomed and Tab still switches; unzoomed the arrows focus A and B', () => {
    const zoomed: KeyContext = { ...rating, zoomed: true };
    expect(resolveKey(key('ArrowLeft'), zoomed)).toEqual({ type: 'pan', dx: -1, dy: 0 });
    expect(resolveKey(key('ArrowRight'), zoomed)).toEqual({ type: 'pan', dx: 1, dy: 0 });
    expect(resolveKey(key('ArrowUp'), zoomed)).toEqual({ type: 'pan', dx: 0, dy: -1 });
    expect(resolveKey(key('ArrowDown'), zoomed)).toEqual({ type: 'pan', dx: 0, dy: 1 });
    expect(resolveKey(key('Tab'), zoomed)).toEqual({ type: 'focusOption', option: 'B' });
    expect(resolveKey(key('ArrowRight'), rating)).toEqual({ type: 'focusOption', option: 'B' });
  });

  it('has a key for each view', () => {
    expect(resolveKey(key('k'), rating)).toEqual({ type: 'toggleView', view: 'flicker' });
    expect(resolveKey(key('r'), rating)).toEqual({ type: 'toggleAutoFlicker' });
    expect(resolveKey(key('v'), rating)).toEqual({ type: 'toggleView', view: 'split' });
    expect(resolveKey(key('d'), rating)).toEqual({ type: 'toggleView', view: 'difference' });
    expect(resolveKey(key('f'), rating)).toEqual({ type: 'toggleFullscreen' });
    expect(resolveKey(key('['), rating)).toEqual({ type: 'moveSplit', delta: -0.1 });
    expect(resolveKey(key(']'), rating)).toEqual({ type: 'moveSplit', delta: 0.1 });
  });
});
