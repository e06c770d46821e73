import Database from 'better-sqlite3';
import { migrate, type Migration, MIGRATIONS } from './migrations';

export interface OpenOptions {
  /** Path to an Electron-built better-sqlite3 binding; Node uses the default one. */
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    // FULL makes each committed rating survive power loss too, not only a killed process; ratings
    // are written a few times a minute, so the extra fsync costs nothing a trainer can notice.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, options.migrations ?? MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
