import type { Database } from 'better-sqlite3';
import { SETTING_SCHEMAS, type SettingKey, type StoredSettings } from './settings-schema';

/**
 * The settings table through one schema (settings-schema.ts): each key has its type, a value is
 * checked before it is written, and a stored value that fails its schema (a hand edit, a version
 * that wrote it differently) is reported once and read as unset, so its default applies and the
 * app goes on.
 */
export function createSettingsRepository(db: Database, report: (message: string) => void, written: (key: SettingKey) => void = () => {}) {
  const select = db.prepare('SELECT value_json FROM settings WHERE key = ?');
  const upsert = db.prepare(
    'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
  );
  // Reported once per key and stored text: settings are read often.
  const reported = new Set<string>();

  function unreadable(key: SettingKey, text: string, why: string): undefined {
    if (!reported.has(`${key}\n${text}`)) {
      reported.add(`${key}\n${text}`);
      report(`The stored setting "${key}" cannot be used (${why}); its default applies until it is set again.`);
    }
    return undefined;
  }

  function write<K extends SettingKey>(key: K, value: StoredSettings[K]): void {
    upsert.run(key, JSON.stringify(SETTING_SCHEMAS[key].parse(value)));
    written(key);
  }

  return {
    get<K extends SettingKey>(key: K): StoredSettings[K] | undefined {
      const row = select.get(key) as { value_json: string } | undefined;
      if (!row) return undefined;
      let value: unknown;
      try {
        value = JSON.parse(row.value_json);
      } catch {
        return unreadable(key, row.value_json, 'it is not JSON');
      }
      const parsed = SETTING_SCHEMAS[key].safeParse(value);
      if (!parsed.success) return unreadable(key, row.value_json, parsed.error.issues.map((i) => `${[key, ...i.path].join('.')}: ${i.message}`).join('; '));
      return parsed.data as StoredSettings[K];
    },
    set: write,
    /** Writes several keys in one transaction: all of them or none. */
    setAll(values: Partial<StoredSettings>): void {
      db.transaction(() => {
        for (const [key, value] of Object.entries(values) as [SettingKey, StoredSettings[SettingKey]][]) write(key, value);
      })();
    },
  };
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
