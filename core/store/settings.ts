import type { Database } from 'better-sqlite3';

export function createSettingsRepository(db: Database) {
  const select = db.prepare('SELECT value_json FROM settings WHERE key = ?');
  const upsert = db.prepare(
    'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
  );
  return {
    get<T>(key: string): T | undefined {
      const row = select.get(key) as { value_json: string } | undefined;
      return row ? (JSON.parse(row.value_json) as T) : undefined;
    },
    set(key: string, value: unknown): void {
      upsert.run(key, JSON.stringify(value));
    },
  };
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
