import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Dialog, Page } from '../keymap';

// What is on screen: page, open dialog, Space's original; how the pair is viewed is viewStore's.

export interface UiState {
  page: Page;
  dialog: Dialog;
  /** Space held: the source render replaces both options. */
  showOriginal: boolean;
  /** A file is being dragged over the window. */
  dragging: boolean;
}

export interface UiActions {
  /** History, or back to Train from History. */
  togglePage(): void;
  setPage(page: Page): void;
  openDialog(dialog: Exclude<Dialog, 'none'>): void;
  closeDialog(): void;
  setShowOriginal(on: boolean): void;
  setDragging(on: boolean): void;
}

export type UiStore = StoreApi<UiState & UiActions>;

export function createUiStore(): UiStore {
  return createStore<UiState & UiActions>()((set) => ({
    page: 'train',
    dialog: 'none',
    showOriginal: false,
    dragging: false,

    togglePage: () => set((s) => ({ page: s.page === 'history' ? 'train' : 'history', showOriginal: false })),
    setPage: (page) => set({ page, showOriginal: false }),
    // A dialog takes the keyboard, so a held Space would never see its release: drop it now.
    openDialog: (dialog) => set({ dialog, showOriginal: false }),
    closeDialog: () => set({ dialog: 'none' }),
    setShowOriginal: (on) => set({ showOriginal: on }),
    setDragging: (on) => set({ dragging: on }),
  }));
}

/** The first-start question "Who is rating?" wins over any other dialog until it is answered. */
export function effectiveDialog(dialog: Dialog, needsRater: boolean): Dialog {
  return needsRater ? 'rater' : dialog;
}
