import type { OptionLabel } from '../core/api';
import { VIEW_BINDINGS } from './keymapViews';

// The one place that decides what a key does. Pure: a key plus the app's context in, an action out.
// The listener (keyboard.ts) only translates DOM events and runs the action; the help overlay lists
// this same table, so what the trainer reads is what the app does.

export type RatingValue = 1 | 2 | 3 | 4 | 5;
export type Page = 'train' | 'history' | 'prompts' | 'model' | 'providers';

/** Pages for admins only: a trainer gets a notice there instead (the service refuses their calls anyway). */
export const isAdminPage = (page: Page): boolean => page === 'prompts' || page === 'model' || page === 'providers';
export type Dialog = 'none' | 'help' | 'skip' | 'rater' | 'sync' | 'keys' | 'admin';

export interface KeyContext {
  page: Page;
  dialog: Dialog;
  /** Focus is in a text field (comment, reason, filter): keys type, only Escape is ours. */
  typing: boolean;
  focused: OptionLabel;
  /** The option rated or chosen last (see RoundState.commentTarget); the focused one when absent. */
  commentTarget?: OptionLabel;
  /** The images are zoomed past fit: the arrow keys pan, Tab alone switches between A and B. */
  zoomed?: boolean;
}

export interface KeyInput {
  type: 'keydown' | 'keyup';
  key: string;
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

export type KeyAction =
  | { type: 'rate'; option: OptionLabel; value: RatingValue }
  | { type: 'focusOption'; option: OptionLabel }
  | { type: 'submit' }
  | { type: 'undo' }
  | { type: 'openSkip' }
  | { type: 'toggleOutcome'; outcome: 'tie' | 'both_bad' }
  | { type: 'showOriginal'; on: boolean }
  | { type: 'toggleZoom' }
  | { type: 'pan'; dx: number; dy: number }
  | { type: 'toggleView'; view: 'flicker' | 'split' | 'difference' }
  | { type: 'toggleAutoFlicker' }
  | { type: 'moveSplit'; delta: number }
  | { type: 'toggleFullscreen' }
  | { type: 'focusComment'; option: OptionLabel }
  | { type: 'toggleHistory' }
  | { type: 'goToPage'; page: Page }
  | { type: 'openHelp' }
  | { type: 'openKeys' }
  | { type: 'closeDialog' }
  | { type: 'leaveField' }
  | { type: 'skipPreset'; index: number }
  | { type: 'confirmSkip' };

/** Where a binding applies; exactly one scope is active at a time (see activeScope). */
export type Scope = 'rating' | 'pages' | 'typing' | 'skip' | 'skipTyping' | 'help';

/** `none`: no Ctrl/Cmd/Alt held; `optional`: Ctrl/Cmd may be held; `required`: Ctrl or Cmd held. */
type Modifiers = 'none' | 'optional' | 'required';

export interface KeyBinding {
  /** Set on the bindings an admin may give other keys (keymapCustom.ts). */
  id?: string;
  keys: readonly string[];
  /** How the help overlay shows the key(s). */
  label: string;
  description: string;
  scopes: readonly Scope[];
  events?: readonly KeyInput['type'][];
  modifiers?: Modifiers;
  /** `binding` is the binding as it applies (its keys remapped, if they were). */
  action: (ctx: KeyContext, input: KeyInput, binding: KeyBinding) => KeyAction;
}

const other = (option: OptionLabel): OptionLabel => (option === 'A' ? 'B' : 'A');

export const KEYMAP: readonly KeyBinding[] = [
  {
    id: 'rate',
    keys: ['1', '2', '3', '4', '5'],
    label: '1 – 5',
    description: 'Rate the focused option (focus then moves from A to B)',
    scopes: ['rating'],
    // The position of the key gives the rating, so remapped keys rate the same way.
    action: (ctx, input, binding) => ({ type: 'rate', option: ctx.focused, value: (binding.keys.indexOf(normalise(input.key)) + 1) as RatingValue }),
  },
  {
    keys: ['ArrowLeft'],
    label: '←',
    description: 'Focus option A (zoomed: pan left)',
    scopes: ['rating'],
    action: (ctx) => (ctx.zoomed ? { type: 'pan', dx: -1, dy: 0 } : { type: 'focusOption', option: 'A' }),
  },
  {
    keys: ['ArrowRight'],
    label: '→',
    description: 'Focus option B (zoomed: pan right)',
    scopes: ['rating'],
    action: (ctx) => (ctx.zoomed ? { type: 'pan', dx: 1, dy: 0 } : { type: 'focusOption', option: 'B' }),
  },
  {
    keys: ['Tab'],
    label: 'Tab',
    description: 'Switch between option A and option B (also while zoomed, when the arrows pan)',
    scopes: ['rating'],
    action: (ctx) => ({ type: 'focusOption', option: other(ctx.focused) }),
  },
  {
    id: 'submit',
    keys: ['Enter'],
    label: 'Enter',
    description: 'Submit both ratings and show the next pair',
    scopes: ['rating'],
    modifiers: 'optional',
    action: () => ({ type: 'submit' }),
  },
  {
    id: 'tie',
    keys: ['t'],
    label: 'T',
    description: 'Outcome: tie (press again to go back to the ratings)',
    scopes: ['rating'],
    action: () => ({ type: 'toggleOutcome', outcome: 'tie' }),
  },
  {
    id: 'bothBad',
    keys: ['x'],
    label: 'X',
    description: 'Outcome: both bad (press again to go back to the ratings)',
    scopes: ['rating'],
    action: () => ({ type: 'toggleOutcome', outcome: 'both_bad' }),
  },
  {
    id: 'original',
    keys: [' '],
    label: 'Space (hold)',
    description: 'Show the original render instead of the options; release to go back',
    scopes: ['rating'],
    events: ['keydown', 'keyup'],
    action: (_ctx, input) => ({ type: 'showOriginal', on: input.type === 'keydown' }),
  },
  ...VIEW_BINDINGS,
  {
    id: 'comment',
    keys: ['c'],
    label: 'C',
    description: 'Comment on the option you rated last, or chose last with ← → Tab (after rating A, C is about A)',
    scopes: ['rating'],
    action: (ctx) => ({ type: 'focusComment', option: ctx.commentTarget ?? ctx.focused }),
  },
  {
    id: 'undo',
    keys: ['u'],
    label: 'U',
    description: 'Undo your last submission and show that pair again',
    scopes: ['rating'],
    action: () => ({ type: 'undo' }),
  },
  {
    id: 'skip',
    keys: ['s'],
    label: 'S',
    description: 'Skip this pair (asks for a reason)',
    scopes: ['rating'],
    action: () => ({ type: 'openSkip' }),
  },
  {
    id: 'history',
    keys: ['h'],
    label: 'H',
    description: 'History (from History: back to Train)',
    scopes: ['rating', 'pages'],
    action: () => ({ type: 'toggleHistory' }),
  },
  {
    id: 'prompts',
    keys: ['p'],
    label: 'P',
    description: 'Prompts page',
    scopes: ['rating', 'pages'],
    action: () => ({ type: 'goToPage', page: 'prompts' }),
  },
  {
    id: 'model',
    keys: ['m'],
    label: 'M',
    description: 'Model page',
    scopes: ['rating', 'pages'],
    action: () => ({ type: 'goToPage', page: 'model' }),
  },
  {
    id: 'providers',
    keys: ['o'],
    label: 'O',
    description: 'Providers page',
    scopes: ['rating', 'pages'],
    action: () => ({ type: 'goToPage', page: 'providers' }),
  },
  {
    keys: ['?'],
    label: '?',
    description: 'Show these keyboard shortcuts',
    scopes: ['rating', 'pages'],
    action: () => ({ type: 'openHelp' }),
  },
  {
    // On the Train page T is the tie; everywhere else it leads back to rating.
    id: 'train',
    keys: ['t'],
    label: 'T',
    description: 'Back to Train',
    scopes: ['pages'],
    action: () => ({ type: 'goToPage', page: 'train' }),
  },
  {
    // A clicked button or list keeps no keys from us, but it should not keep the focus ring either.
    keys: ['Escape'],
    label: 'Escape',
    description: 'Leave whatever control has the focus (and full screen); the keys rate again',
    scopes: ['rating', 'pages'],
    action: () => ({ type: 'leaveField' }),
  },
  {
    keys: ['Enter'],
    label: 'Ctrl/⌘ + Enter',
    description: 'Submit both ratings from inside a comment',
    scopes: ['typing'],
    modifiers: 'required',
    action: () => ({ type: 'submit' }),
  },
  {
    keys: ['Escape'],
    label: 'Escape',
    description: 'Leave the text field and return to keyboard rating',
    scopes: ['typing'],
    action: () => ({ type: 'leaveField' }),
  },
  {
    keys: ['1', '2', '3', '4'],
    label: '1 – 4',
    description: 'Choose a preset reason',
    scopes: ['skip'],
    action: (_ctx, input) => ({ type: 'skipPreset', index: Number(input.key) - 1 }),
  },
  {
    keys: ['Enter'],
    label: 'Enter',
    description: 'Skip the pair with the chosen reason',
    scopes: ['skip', 'skipTyping'],
    action: () => ({ type: 'confirmSkip' }),
  },
  {
    keys: ['Escape'],
    label: 'Escape',
    description: 'Cancel and keep rating this pair',
    scopes: ['skip', 'skipTyping'],
    action: () => ({ type: 'closeDialog' }),
  },
  {
    keys: ['e'],
    label: 'E',
    description: 'Change the keys (admins; kept on this computer)',
    scopes: ['help'],
    action: () => ({ type: 'openKeys' }),
  },
  {
    keys: ['Escape', '?'],
    label: 'Escape or ?',
    description: 'Close this overlay',
    scopes: ['help'],
    action: () => ({ type: 'closeDialog' }),
  },
];

/** Headings of the help overlay, in the order it lists them. */
export const SCOPE_TITLES: Record<Scope, string> = {
  rating: 'Rating',
  typing: 'In a comment',
  skip: 'Skip dialog',
  skipTyping: 'Skip dialog, typing a reason',
  pages: 'History, Prompts, Model and Providers pages',
  help: 'This overlay',
};

/** The rater, sync, key-editor and admin sign-in dialogs own the keyboard entirely (they are forms); null means no binding applies. */
export function activeScope(ctx: KeyContext): Scope | null {
  switch (ctx.dialog) {
    case 'rater':
    case 'sync':
    case 'keys':
    case 'admin':
      return null;
    case 'help':
      return 'help';
    case 'skip':
      return ctx.typing ? 'skipTyping' : 'skip';
    case 'none':
      if (ctx.typing) return 'typing';
      return ctx.page === 'train' ? 'rating' : 'pages';
  }
}

// Letters match either case (Shift or Caps Lock held); '?' arrives as its own key.
const normalise = (key: string): string => (key.length === 1 ? key.toLowerCase() : key);

function modifiersMatch(wanted: Modifiers, input: KeyInput): boolean {
  if (input.alt) return false;
  const command = input.ctrl || input.meta;
  if (wanted === 'required') return command;
  if (wanted === 'none') return !command;
  return true;
}

/** The action for a key in a context, or null when the key is not ours (the browser keeps it). */
export function resolveKey(input: KeyInput, ctx: KeyContext, keymap: readonly KeyBinding[] = KEYMAP): KeyAction | null {
  const scope = activeScope(ctx);
  if (scope === null) return null;
  const key = normalise(input.key);
  for (const binding of keymap) {
    if (!binding.scopes.includes(scope)) continue;
    if (!binding.keys.includes(key)) continue;
    if (!(binding.events ?? ['keydown']).includes(input.type)) continue;
    if (!modifiersMatch(binding.modifiers ?? 'none', input)) continue;
    return binding.action(ctx, input, binding);
  }
  return null;
}
