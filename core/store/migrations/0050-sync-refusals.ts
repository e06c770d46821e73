import type { Database } from 'better-sqlite3';

// An outbox row the server refuses for good (a rater id owned by another login, a prompt decision
// shipped with a trainer's login, text PostgreSQL cannot store) is set aside with the server's
// reason instead of holding up every row after it. It stays here, listed for the admin, and is
// never counted as pending again.
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE outbox ADD COLUMN refused_at TEXT;
    DROP INDEX outbox_pending;
    CREATE INDEX outbox_pending ON outbox (seq) WHERE shipped_at IS NULL AND refused_at IS NULL;
    CREATE INDEX outbox_refused ON outbox (seq) WHERE refused_at IS NOT NULL;
  `);
}
