import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calls } from '../../../core/api';
import { DEFAULT_SETTINGS } from '../../../core/service';
import { readSettings, writeSettings } from '../../../core/service/settings';
import { openStore } from '../../../core/store';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());

describe('settings', () => {
  it('keep a setting that a patch names with an undefined value', () => {
    const store = openStore(join(dir.path, 'latina.sqlite'), { now: () => '2026-01-01T00:00:00.000Z' });
    try {
      const patch = calls['settings.update'].input.parse({ prefetch: 2, prompt_auto_adopt: undefined });
      expect(writeSettings(store, patch)).toEqual({ ...DEFAULT_SETTINGS, prefetch: 2 });
      expect(readSettings(store).prompt_auto_adopt).toBe(DEFAULT_SETTINGS.prompt_auto_adopt);
    } finally {
      store.close();
    }
  });
});
