import type { Database } from 'better-sqlite3';
import type { Mode, ProviderId } from '../api';

export interface HistoryFilter {
  limit: number;
  min_rating?: number;
  api?: ProviderId;
  mode?: Mode;
}

/** Rated and skipped pairs, newest first, with the seed's history filters applied in SQL. */
export function createHistoryRepository(db: Database) {
  const select = db.prepare(
    `SELECT e.id, coalesce(r.answered_at, s.skipped_at) AS finished_at
       FROM experiments e
       LEFT JOIN effective_ratings r ON r.experiment_id = e.id
       LEFT JOIN skips s ON s.experiment_id = e.id AND e.status = 'skipped'
      WHERE (r.id IS NOT NULL OR (e.status = 'skipped' AND s.id IS NOT NULL))
        AND (@mode IS NULL OR e.mode = @mode)
        AND (@min_rating IS NULL OR r.rating_a >= @min_rating OR r.rating_b >= @min_rating)
        AND (@api IS NULL OR EXISTS (SELECT 1 FROM options o WHERE o.experiment_id = e.id AND o.provider = @api))
      ORDER BY finished_at DESC, e.id DESC
      LIMIT @limit`,
  );
  // Every pair a rater answered (gold pairs, repeats and excluded raters too: it is all work done).
  const answers = db.prepare(
    `SELECT r.rated_by AS rater, r.answered_at FROM effective_ratings r JOIN experiments e ON e.id = r.experiment_id
      WHERE (@mode IS NULL OR e.mode = @mode) ORDER BY r.answered_at`,
  );
  return {
    /** Who answered each effective rating and when, oldest first. */
    answers(mode: Mode | null): { rater: string; answered_at: string }[] {
      return answers.all({ mode }) as { rater: string; answered_at: string }[];
    },
    list(filter: HistoryFilter): { id: string; finished_at: string }[] {
      return select.all({
        limit: filter.limit,
        min_rating: filter.min_rating ?? null,
        api: filter.api ?? null,
        mode: filter.mode ?? null,
      }) as { id: string; finished_at: string }[];
    },
  };
}
