import type { KeyBinding } from './keymap';

// The keys of the comparison views (keymap.ts lists them with the rest): zoom and pan, flicker,
// split, difference, full screen. ← and → pan too while zoomed; keymap.ts decides that with focus.

export const VIEW_BINDINGS: readonly KeyBinding[] = [
  {
    keys: ['ArrowUp'],
    label: '↑',
    description: 'Zoomed: pan up (both options together)',
    scopes: ['rating'],
    action: () => ({ type: 'pan', dx: 0, dy: -1 }),
  },
  {
    keys: ['ArrowDown'],
    label: '↓',
    description: 'Zoomed: pan down (both options together)',
    scopes: ['rating'],
    action: () => ({ type: 'pan', dx: 0, dy: 1 }),
  },
  {
    id: 'zoom',
    keys: ['z'],
    label: 'Z',
    description: 'Zoom both options: fit → 1:1 → 2× → 4× → fit (real pixels of the output)',
    scopes: ['rating'],
    action: () => ({ type: 'toggleZoom' }),
  },
  {
    id: 'flicker',
    keys: ['k'],
    label: 'K',
    description: 'Flicker: A and B in the same place, the focused one shown (Tab switches); again: side by side',
    scopes: ['rating'],
    action: () => ({ type: 'toggleView', view: 'flicker' }),
  },
  {
    id: 'autoFlicker',
    keys: ['r'],
    label: 'R',
    description: 'Flicker by itself, twice a second; again to stop',
    scopes: ['rating'],
    action: () => ({ type: 'toggleAutoFlicker' }),
  },
  {
    id: 'split',
    keys: ['v'],
    label: 'V',
    description: 'Split slider: A left of the line, B right, same place; again: side by side',
    scopes: ['rating'],
    action: () => ({ type: 'toggleView', view: 'split' }),
  },
  {
    keys: ['[', ']'],
    label: '[ ]',
    description: 'Move the split line left / right',
    scopes: ['rating'],
    action: (_ctx, input) => ({ type: 'moveSplit', delta: input.key === '[' ? -0.1 : 0.1 }),
  },
  {
    id: 'difference',
    keys: ['d'],
    label: 'D',
    description: 'Difference: bright where A and B differ (×4); again: side by side',
    scopes: ['rating'],
    action: () => ({ type: 'toggleView', view: 'difference' }),
  },
  {
    id: 'fullscreen',
    keys: ['f'],
    label: 'F',
    description: 'Full screen: only the images and their ratings; again or Escape to leave',
    scopes: ['rating'],
    action: () => ({ type: 'toggleFullscreen' }),
  },
];
