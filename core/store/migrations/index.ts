import type { Database } from 'better-sqlite3';
import { ApiError } from '../../api';
import * as initial from './0010-initial';
import * as sync from './0020-sync';
import * as prompts from './0030-prompts';
import * as reward from './0040-reward';
import * as syncRefusals from './0050-sync-refusals';
import * as detailsShown from './0060-details-shown';
import * as indistinctPairs from './0070-indistinct-pairs';
import * as ratingsByRater from './0080-ratings-by-rater';
import * as qualityPairs from './0090-quality-pairs';
import * as overlapPairs from './0100-overlap-pairs';
import * as pulledQualityMarks from './0120-pulled-quality-marks';

export interface Migration {
  /** A multiple of 10; `PRAGMA user_version` holds the last one applied. */
  version: number;
  name: string;
  up(db: Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'initial', up: initial.up },
  { version: 20, name: 'sync', up: sync.up },
  { version: 30, name: 'prompts', up: prompts.up },
  { version: 40, name: 'reward', up: reward.up },
  { version: 50, name: 'sync-refusals', up: syncRefusals.up },
  { version: 60, name: 'details-shown', up: detailsShown.up },
  { version: 70, name: 'indistinct-pairs', up: indistinctPairs.up },
  { version: 80, name: 'ratings-by-rater', up: ratingsByRater.up },
  { version: 90, name: 'quality-pairs', up: qualityPairs.up },
  { version: 100, name: 'overlap-pairs', up: overlapPairs.up },
  { version: 120, name: 'pulled-quality-marks', up: pulledQualityMarks.up },
];

/** Refuses a registry out of order, so a merge that misnumbers a migration fails in tests. */
export function checkRegistry(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (m.version % 10 !== 0 || m.version <= previous) {
      throw new Error(`migration ${m.version}-${m.name} is out of order: versions are increasing multiples of 10`);
    }
    previous = m.version;
  }
}

/** Runs every pending migration in one transaction; a database from a newer app refuses to open. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  checkRegistry(migrations);
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new ApiError(
      'database_too_new',
      `This data was written by a newer version of the app (schema ${from}, this app knows ${latest}). ` +
        'Install the newer version; nothing was changed.',
    );
  }
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  // A migration may rebuild a table (SQLite's way to change a CHECK): with foreign keys on, dropping
  // the old table would fail or orphan its children. They are off while the migrations run (this
  // pragma has no effect inside a transaction) and every reference is checked before committing.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const m of pending) m.up(db);
      const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
      if (broken.length > 0) {
        throw new Error(`migrating to schema ${latest} would leave ${broken.length} rows of ${broken[0]!.table} without their ${broken[0]!.parent}; nothing was changed`);
      }
      db.pragma(`user_version = ${latest}`);
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return { from, to: latest };
}
