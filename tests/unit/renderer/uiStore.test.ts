import { describe, expect, it } from 'vitest';
import { createUiStore } from '../../../renderer/stores/uiStore';

describe('page switching', () => {
  it('H leads to History from every page, and from History back to Train', () => {
    const ui = createUiStore();
    for (const page of ['train', 'prompts', 'model'] as const) {
      ui.getState().setPage(page);
      ui.getState().togglePage();
      expect(ui.getState().page, `from ${page}`).toBe('history');
    }
    ui.getState().togglePage();
    expect(ui.getState().page).toBe('train');
  });
});
