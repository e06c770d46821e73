import { useEffect } from 'react';
import { resolveKey, type KeyAction, type KeyContext, type KeyInput } from './keymap';
import type { AppStores } from './stores';
import { selectNeedsRater } from './stores/sessionStore';
import { effectiveDialog } from './stores/uiStore';

// The one keyboard listener: turns DOM key events into keymap input, asks the keymap, runs the
// action. Deciding lives in keymap.ts; this file only touches the DOM and the stores.

const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'file', 'submit', 'reset', 'image', 'color', 'range']);

/** Elements where keys type text (or pick a value), so shortcuts must stay out of the way. */
export function isTextEntry(el: { tagName: string; type?: string; isContentEditable?: boolean } | null): boolean {
  if (el === null) return false;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') return !NON_TEXT_INPUTS.has((el.type ?? 'text').toLowerCase());
  return el.isContentEditable === true;
}

export const commentFieldId = (option: string): string => `comment-${option}`;
export const skipReasonFieldId = 'skip-reason';

function keyContext(stores: AppStores): KeyContext {
  const ui = stores.ui.getState();
  return {
    page: ui.page,
    dialog: effectiveDialog(ui.dialog, selectNeedsRater(stores.session.getState())),
    typing: isTextEntry(document.activeElement as HTMLInputElement | null),
    focused: stores.train.getState().focused,
    commentTarget: stores.train.getState().commentTarget,
    zoomed: stores.view.getState().zoom !== 'fit',
  };
}

function leaveField(): void {
  const active = document.activeElement;
  if (active instanceof HTMLElement) active.blur();
}

function runViewAction(action: KeyAction, stores: AppStores): void {
  const view = stores.view.getState();
  switch (action.type) {
    case 'toggleZoom':
      return view.cycleZoom();
    case 'pan':
      return view.move(action.dx, action.dy);
    case 'toggleView':
      return view.toggleView(action.view);
    case 'toggleAutoFlicker':
      return view.toggleAutoFlicker();
    case 'moveSplit':
      return view.moveSplit(action.delta);
    case 'toggleFullscreen':
      return view.toggleFullscreen();
  }
}

export function runAction(action: KeyAction, stores: AppStores): void {
  const train = stores.train.getState();
  const ui = stores.ui.getState();
  switch (action.type) {
    case 'rate':
      return train.rate(action.option, action.value);
    case 'focusOption':
      return train.focus(action.option);
    case 'submit':
      leaveField();
      return void train.submit();
    case 'undo':
      return void train.undo();
    case 'openSkip':
      if (train.experiment === null) return;
      train.beginSkip();
      return ui.openDialog('skip');
    case 'toggleOutcome':
      return train.toggleOutcome(action.outcome);
    case 'showOriginal':
      return ui.setShowOriginal(action.on);
    case 'toggleZoom':
    case 'pan':
    case 'toggleView':
    case 'toggleAutoFlicker':
    case 'moveSplit':
    case 'toggleFullscreen':
      return runViewAction(action, stores);
    case 'focusComment':
      return document.getElementById(commentFieldId(action.option))?.focus();
    case 'toggleHistory':
      return ui.togglePage();
    case 'goToPage':
      return ui.setPage(action.page);
    case 'openHelp':
      return ui.openDialog('help');
    case 'openKeys':
      return ui.openDialog('keys');
    case 'closeDialog':
      leaveField();
      return ui.closeDialog();
    case 'leaveField':
      stores.view.getState().exitFullscreen();
      train.showUploadError(null);
      return leaveField();
    case 'skipPreset':
      train.setSkipPreset(action.index);
      // "Other" needs words: put the cursor where they go.
      if (action.index === 3) document.getElementById(skipReasonFieldId)?.focus();
      return;
    case 'confirmSkip':
      void train.skip().then((skipped) => {
        if (skipped) {
          leaveField();
          stores.ui.getState().closeDialog();
        }
      });
      return;
  }
}

function toInput(event: KeyboardEvent): KeyInput {
  return {
    type: event.type === 'keyup' ? 'keyup' : 'keydown',
    key: event.key,
    ctrl: event.ctrlKey,
    meta: event.metaKey,
    alt: event.altKey,
    shift: event.shiftKey,
  };
}

/** Installs the listener for the app's lifetime. */
export function useKeyboard(stores: AppStores): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.isComposing) return;
      const action = resolveKey(toInput(event), keyContext(stores), stores.keys.getState().keymap);
      if (action === null) return;
      // Ours now: no browser default (Tab traversal, Space scrolling, Enter clicking a button).
      event.preventDefault();
      // Holding a key repeats keydown; only Space's hold is meaningful, the rest would re-fire.
      if (event.repeat && action.type !== 'showOriginal') return;
      runAction(action, stores);
    };
    // Releasing Space outside the window never reaches keyup.
    const onBlur = () => stores.ui.getState().setShowOriginal(false);
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKey);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKey);
      window.removeEventListener('blur', onBlur);
    };
  }, [stores]);
}
