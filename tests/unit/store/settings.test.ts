import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SETTING_ACCESS, SettingsSchema } from '../../../core/api';
import { INTERNAL_SETTING_KEYS, openStore, SETTING_SCHEMAS, type SettingKey } from '../../../core/store';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());

let files = 0;
function open() {
  const file = join(dir.path, `settings-${files++}.sqlite`);
  const reports: string[] = [];
  const store = openStore(file, { now: () => '2026-01-01T00:00:00.000Z', log: (message) => reports.push(message) });
  // What a hand edit or another version leaves in the table: written past the store's checks.
  const writeRaw = (key: string, text: string) => {
    const other = new Database(file);
    other.prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json').run(key, text);
    other.close();
  };
  return { store, reports, writeRaw };
}

describe('stored settings', () => {
  it('read back each key with its type, and several keys write in one transaction', () => {
    const { store, reports } = open();
    try {
      expect(store.settings.get('workstation_seed')).toBeUndefined();
      store.settings.set('workstation_seed', 1234);
      store.settings.set('offline_pack', { mode: 'surfaces', size: 40 });
      store.settings.setAll({ prefetch: 4, 'phase1_override:structure': 'stopped' });
      expect(store.settings.get('workstation_seed')).toBe(1234);
      expect(store.settings.get('offline_pack')).toEqual({ mode: 'surfaces', size: 40 });
      expect(store.settings.get('prefetch')).toBe(4);
      expect(store.settings.get('phase1_override:structure')).toBe('stopped');
      expect(reports).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('refuse to write a value that fails its schema, and keep what was there', () => {
    const { store } = open();
    try {
      store.settings.set('prefetch', 3);
      expect(() => store.settings.set('prefetch', 99)).toThrow();
      // A batch with one bad value writes none of it.
      expect(() => store.settings.setAll({ daily_goal: 100, prefetch: 0 })).toThrow();
      expect(store.settings.get('prefetch')).toBe(3);
      expect(store.settings.get('daily_goal')).toBeUndefined();
    } finally {
      store.close();
    }
  });

  it('read a stored value that fails its schema as unset, say once which key and why, and leave the other keys alone', () => {
    const { store, reports, writeRaw } = open();
    try {
      store.settings.set('rater_id', 'ana@studio');
      writeRaw('prefetch', '"many"');
      writeRaw('offline_pack', '{"mode":"kitchen","size":5}');
      writeRaw('workstation_seed', '{not json');
      expect(store.settings.get('prefetch')).toBeUndefined();
      expect(store.settings.get('prefetch')).toBeUndefined();
      expect(store.settings.get('offline_pack')).toBeUndefined();
      expect(store.settings.get('workstation_seed')).toBeUndefined();
      expect(store.settings.get('rater_id')).toBe('ana@studio');
      expect(reports).toHaveLength(3);
      expect(reports[0]).toMatch(/^The stored setting "prefetch" cannot be used \(prefetch: .+\); its default applies until it is set again\.$/);
      expect(reports[1]).toMatch(/^The stored setting "offline_pack" cannot be used \(offline_pack\.mode: .+\)/);
      expect(reports[2]).toBe('The stored setting "workstation_seed" cannot be used (it is not JSON); its default applies until it is set again.');
      // Set again, it reads as set.
      store.settings.set('prefetch', 2);
      expect(store.settings.get('prefetch')).toBe(2);
    } finally {
      store.close();
    }
  });

  it('read an object keyed by provider that lacks providers added since it was written', () => {
    const { store, reports, writeRaw } = open();
    try {
      writeRaw('prefilter_candidates', '{"local":4,"leonardo":2,"stablediffusion":3}');
      expect(store.settings.get('prefilter_candidates')).toEqual({ local: 4, leonardo: 2, stablediffusion: 3 });
      expect(reports).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('classify every key: the contract keys each have a role in SETTING_ACCESS, the others are the app’s own', () => {
    const keys = Object.keys(SETTING_SCHEMAS).sort();
    const contract = Object.keys(SettingsSchema.shape).sort();
    expect(Object.keys(SETTING_ACCESS).sort()).toEqual(contract);
    expect(keys).toEqual([...contract, ...INTERNAL_SETTING_KEYS].sort());
    for (const key of INTERNAL_SETTING_KEYS) expect(contract, `${key} is both a contract setting and the app's own`).not.toContain(key);
    // No settings.* call can reach the app's own keys.
    const update = SettingsSchema.partial().strict();
    for (const key of INTERNAL_SETTING_KEYS) expect(update.safeParse({ [key as SettingKey]: null }).success, key).toBe(false);
  });
});
