import { join } from 'node:path';
import Database from 'better-sqlite3';
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

  it('keep the rater id when a stored object misses a provider added since, or another value is invalid', () => {
    const store = openStore(join(dir.path, 'older.sqlite'), { now: () => '2026-01-01T00:00:00.000Z', log: () => {} });
    try {
      store.settings.set('rater_id', 'trainer-ana');
      // What a version with three providers wrote, before ComfyUI and AUTOMATIC1111 existed.
      store.settings.set('prefilter_candidates', { local: 4, leonardo: 2, stablediffusion: 3 });
      // A value no version writes: read as unset, so its default applies.
      const other = new Database(join(dir.path, 'older.sqlite'));
      other.prepare("INSERT INTO settings (key, value_json) VALUES ('prefetch', '\"many\"')").run();
      other.close();
      const settings = readSettings(store);
      expect(settings.rater_id).toBe('trainer-ana');
      expect(settings.prefilter_candidates).toEqual({ local: 4, leonardo: 2, stablediffusion: 3, comfyui: 6, automatic1111: 6 });
      expect(settings.prefetch).toBe(DEFAULT_SETTINGS.prefetch);
    } finally {
      store.close();
    }
  });
});
