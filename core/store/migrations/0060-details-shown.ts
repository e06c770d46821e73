import type { Database } from 'better-sqlite3';

// Each rating records whether the pair's details (provider, parameters, prompt version, the model's
// prediction) were on screen when it was given: trainers rate blind by default, and a rating made
// with details shown may be anchored by them. NULL for ratings from before this was recorded.
export function up(db: Database): void {
  db.exec('ALTER TABLE ratings ADD COLUMN details_shown INTEGER CHECK (details_shown IN (0, 1))');
}
