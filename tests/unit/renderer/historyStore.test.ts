import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, historyInput } from '../../../renderer/stores/historyStore';
import { isTextEntry } from '../../../renderer/keyboard';
import { parameterRows } from '../../../renderer/format';

describe('historyInput', () => {
  it('sends only the filters that are set, with the limit clamped', () => {
    expect(historyInput(DEFAULT_FILTERS)).toEqual({ limit: 50 });
    expect(historyInput({ limit: 9000, minRating: 4, api: 'local', mode: 'surfaces' })).toEqual({
      limit: 500,
      min_rating: 4,
      api: 'local',
      mode: 'surfaces',
    });
    expect(historyInput({ ...DEFAULT_FILTERS, limit: 0 }).limit).toBe(1);
  });
});

describe('isTextEntry', () => {
  it('treats text inputs, textareas, selects and editable content as typing', () => {
    expect(isTextEntry({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'number' })).toBe(true);
    expect(isTextEntry({ tagName: 'SELECT' })).toBe(true);
    expect(isTextEntry({ tagName: 'DIV', isContentEditable: true })).toBe(true);
  });

  it('does not treat buttons, radios, file inputs or the page as typing', () => {
    expect(isTextEntry({ tagName: 'BUTTON' })).toBe(false);
    expect(isTextEntry({ tagName: 'INPUT', type: 'radio' })).toBe(false);
    expect(isTextEntry({ tagName: 'INPUT', type: 'file' })).toBe(false);
    expect(isTextEntry({ tagName: 'BODY', isContentEditable: false })).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});

describe('parameterRows', () => {
  it('names each provider family parameter as in the seed', () => {
    expect(parameterRows({ api: 'leonardo', init_strength: 0.28, guidance_scale: 7.2, controlnet_weight: 0.89 })).toEqual([
      { name: 'Init strength', value: '0.28' },
      { name: 'Guidance', value: '7.20' },
      { name: 'ControlNet', value: '0.89' },
    ]);
    expect(parameterRows({ api: 'stablediffusion', strength: 0.22, guidance_scale: 8.1, controlnet_conditioning_scale: 0.93 })[0]).toEqual({
      name: 'Strength',
      value: '0.22',
    });
  });
});
