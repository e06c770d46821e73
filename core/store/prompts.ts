import type { Database } from 'better-sqlite3';

export interface PromptIndexRow {
  version: string;
  origin: 'bundled' | 'local' | 'remote';
  file: string;
  parent_version: string | null;
  created_at: string;
  created_by: string;
  sha256: string;
}

/** SQLite only indexes prompt versions for queries; the JSON files stay the source of truth. */
export function createPromptIndexRepository(db: Database) {
  const upsert = db.prepare(
    `INSERT INTO prompt_versions (version, origin, file, parent_version, created_at, created_by, sha256)
     VALUES (@version, @origin, @file, @parent_version, @created_at, @created_by, @sha256)
     ON CONFLICT (version) DO UPDATE SET origin = excluded.origin, file = excluded.file, sha256 = excluded.sha256`,
  );
  const all = db.prepare('SELECT * FROM prompt_versions ORDER BY created_at, version');
  return {
    upsert(row: PromptIndexRow): void {
      upsert.run(row);
    },
    list(): PromptIndexRow[] {
      return all.all() as PromptIndexRow[];
    },
  };
}
