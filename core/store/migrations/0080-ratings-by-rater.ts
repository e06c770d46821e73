import type { Database } from 'better-sqlite3';

// The rating screen shows each trainer the pairs rated today and in the last hour after every
// rating: an index on rater and time keeps that one lookup at any size of the ratings table.
export function up(db: Database): void {
  db.exec('CREATE INDEX ratings_rater_time ON ratings (rated_by, answered_at)');
}
