import type { Database } from 'better-sqlite3';
import { ApiError, type Mode, type ProviderId } from '../api';
import type { ExperimentsRepository } from './experiments';
import type { OutboxRepository } from './outbox';
import { COUNTS_FOR_LEARNING } from './quality';
import type { RatingFigures } from './rating-figures';
import type { RatingsChangeSource } from './ratings-signal';
import type { RatedOption, RatingRecord } from './types';

export interface RatedOptionFilter {
  mode?: Mode;
  api?: ProviderId;
}

interface RatedOptionRow {
  rating_id: string;
  experiment_id: string;
  mode: Mode;
  label: 'A' | 'B';
  provider: ProviderId;
  parameters_json: string;
  prompt_version: string;
  rating: number;
  comment: string | null;
  outcome: RatedOption['outcome'];
  rated_by: string;
  answered_at: string;
}

const toRatedOption = ({ parameters_json, comment, ...row }: RatedOptionRow): RatedOption => ({
  ...row,
  comment: comment ?? '',
  parameters: JSON.parse(parameters_json),
});

/** A rating's details_shown as a boolean; null when not recorded (an outbox row written before it has none). */
export const detailsShownOf = (r: Pick<RatingRecord, 'details_shown'>): boolean | null =>
  r.details_shown === undefined || r.details_shown === null ? null : r.details_shown === 1;

export function createRatingsRepository(
  db: Database,
  experiments: ExperimentsRepository,
  outbox: OutboxRepository,
  now: () => string,
  figures: RatingFigures,
  /** Called after each committed change of the ratings (the store raises its signal). */
  committed: (source: RatingsChangeSource, mode: Mode) => void,
) {
  const insertRating = db.prepare(
    `INSERT INTO ratings (id, experiment_id, kind, rated_by, outcome, rating_a, comment_a, rating_b, comment_b, shown_at, answered_at, details_shown)
     VALUES (@id, @experiment_id, 'rating', @rated_by, @outcome, @rating_a, @comment_a, @rating_b, @comment_b, @shown_at, @answered_at, @details_shown)`,
  );
  const insertRetraction = db.prepare(
    `INSERT INTO ratings (id, experiment_id, kind, supersedes, rated_by, answered_at)
     VALUES (?, ?, 'retraction', ?, ?, ?)`,
  );
  const insertSkip = db.prepare('INSERT INTO skips (id, experiment_id, rated_by, reason, skipped_at) VALUES (?, ?, ?, ?, ?)');
  const effectiveFor = db.prepare('SELECT id FROM effective_ratings WHERE experiment_id = ?');
  const lastEffectiveBy = db.prepare(
    'SELECT * FROM effective_ratings WHERE rated_by = ? ORDER BY answered_at DESC, seq DESC LIMIT 1',
  );
  const ratingById = db.prepare('SELECT * FROM effective_ratings WHERE experiment_id = ?');
  const skipFor = db.prepare('SELECT reason, rated_by, skipped_at FROM skips WHERE experiment_id = ? ORDER BY skipped_at DESC LIMIT 1');
  // Each effective rating gives two samples: option A with rating_a and option B with rating_b. Only
  // ratings that count for learning: not gold or repeat pairs, not by an excluded rater.
  const ratedOptions = db.prepare(
    `SELECT r.id AS rating_id, e.id AS experiment_id, e.mode, o.label, o.provider, o.parameters_json, o.prompt_version,
            CASE o.label WHEN 'A' THEN r.rating_a ELSE r.rating_b END AS rating,
            CASE o.label WHEN 'A' THEN r.comment_a ELSE r.comment_b END AS comment,
            r.outcome, r.rated_by, r.answered_at
       FROM effective_ratings r
       JOIN experiments e ON e.id = r.experiment_id
       JOIN options o ON o.experiment_id = e.id
      WHERE (@mode IS NULL OR e.mode = @mode) AND (@api IS NULL OR o.provider = @api) AND ${COUNTS_FOR_LEARNING}
      ORDER BY r.answered_at, r.seq, o.label`,
  );
  // The same rows for the last `limit` ratings written up to rowid `upTo`, found from the end of the
  // ratings table's rowid order: its cost follows `limit`, not how many ratings the workstation holds.
  const recentRatedOptions = db.prepare(
    `SELECT r.id AS rating_id, e.id AS experiment_id, e.mode, o.label, o.provider, o.parameters_json, o.prompt_version,
            CASE o.label WHEN 'A' THEN r.rating_a ELSE r.rating_b END AS rating,
            CASE o.label WHEN 'A' THEN r.comment_a ELSE r.comment_b END AS comment,
            r.outcome, r.rated_by, r.answered_at
       FROM (SELECT * FROM effective_ratings r WHERE r.seq <= @upTo AND ${COUNTS_FOR_LEARNING} ORDER BY r.seq DESC LIMIT @limit) r
       JOIN experiments e ON e.id = r.experiment_id
       JOIN options o ON o.experiment_id = e.id
      ORDER BY r.answered_at, r.seq, o.label`,
  );
  const lastWritten = db.prepare('SELECT coalesce(max(rowid), 0) AS last FROM ratings');
  const countBySince = db.prepare('SELECT count(*) AS n FROM effective_ratings WHERE rated_by = ? AND answered_at >= ?');

  const ratingInEffect = db.prepare('SELECT * FROM effective_ratings WHERE id = ?');

  function retract(rating: RatingRecord, retractionId: string): RatingRecord {
    const at = now();
    insertRetraction.run(retractionId, rating.experiment_id, rating.id, rating.rated_by, at);
    experiments.requeueFirst(rating.experiment_id);
    outbox.enqueue('retraction', retractionId, {
      id: retractionId,
      experiment_id: rating.experiment_id,
      supersedes: rating.id,
      rated_by: rating.rated_by,
      answered_at: at,
    });
    return rating;
  }

  /** A retraction that happened (committed by now) is signalled; nothing to undo is not. */
  function undone(rating: RatingRecord | null): RatingRecord | null {
    if (!rating) return null;
    figures.forget();
    committed('undo', experiments.get(rating.experiment_id)!.mode);
    return rating;
  }

  return {
    /** Writes the rating, marks the pair rated and queues it for sync, all in one transaction. */
    rate(rating: RatingRecord): void {
      const delta = db.transaction(() => {
        const experiment = experiments.get(rating.experiment_id);
        if (!experiment) {
          throw new ApiError('not_found', `No pair ${rating.experiment_id} on this workstation. Reload the queue.`);
        }
        if (effectiveFor.get(rating.experiment_id)) {
          throw new ApiError('conflict', 'This pair is already rated. Press U to undo the last rating if you want to change it.');
        }
        if (experiment.status !== 'ready') {
          throw new ApiError('conflict', `This pair cannot be rated: it is ${experiment.status}.`);
        }
        const { lastInsertRowid } = insertRating.run(rating);
        experiments.setStatus(rating.experiment_id, 'rated');
        outbox.enqueue('rating', rating.id, rating);
        return { figures: figures.deltaOf(rating.id), rowid: Number(lastInsertRowid) };
      })();
      figures.rated(delta.figures, delta.rowid);
      committed('rating', delta.figures.mode);
    },

    /** Retracts this rater's latest rating and puts that pair back at the front of the queue. */
    undoLast(ratedBy: string, retractionId: string): RatingRecord | null {
      return undone(
        db.transaction(() => {
          const last = lastEffectiveBy.get(ratedBy) as RatingRecord | undefined;
          return last ? retract(last, retractionId) : null;
        })(),
      );
    },

    /** Retracts this rating if it is still in effect, and puts its pair back at the front of the queue. */
    retract(ratingId: string, retractionId: string): RatingRecord | null {
      return undone(
        db.transaction(() => {
          const rating = ratingInEffect.get(ratingId) as RatingRecord | undefined;
          return rating ? retract(rating, retractionId) : null;
        })(),
      );
    },

    skip(skipId: string, experimentId: string, ratedBy: string, reason: string): void {
      const mode = db.transaction((): Mode => {
        const experiment = experiments.get(experimentId);
        if (!experiment) throw new ApiError('not_found', `No pair ${experimentId} on this workstation. Reload the queue.`);
        if (experiment.status !== 'ready' && experiment.status !== 'failed') {
          throw new ApiError('conflict', `This pair cannot be skipped: it is ${experiment.status}.`);
        }
        const at = now();
        insertSkip.run(skipId, experimentId, ratedBy, reason, at);
        experiments.setStatus(experimentId, 'skipped');
        outbox.enqueue('skip', skipId, { id: skipId, experiment_id: experimentId, rated_by: ratedBy, reason, skipped_at: at });
        return experiment.mode;
      })();
      committed('skip', mode);
    },

    effectiveRating(experimentId: string): RatingRecord | undefined {
      return ratingById.get(experimentId) as RatingRecord | undefined;
    },

    skipOf(experimentId: string): { reason: string; rated_by: string; skipped_at: string } | undefined {
      return skipFor.get(experimentId) as { reason: string; rated_by: string; skipped_at: string } | undefined;
    },

    ratedOptions(filter: RatedOptionFilter = {}): RatedOption[] {
      return (ratedOptions.all({ mode: filter.mode ?? null, api: filter.api ?? null }) as RatedOptionRow[]).map(toRatedOption);
    },

    /**
     * The rated options of the last `ratings` ratings that count for learning, in rating order; with
     * `upTo` (a `lastWritten()` answer) only those written by then, as they stand now.
     */
    recentRatedOptions(ratings: number, upTo = Number.MAX_SAFE_INTEGER): RatedOption[] {
      return (recentRatedOptions.all({ limit: ratings, upTo }) as RatedOptionRow[]).map(toRatedOption);
    },

    /** Where the ratings written so far end (rating and retraction rows alike), by one index lookup. */
    lastWritten(): number {
      return (lastWritten.get() as { last: number }).last;
    },

    /** Changes whenever a rating or retraction is written (locally or pulled): the learners' cache key. */
    revision(): string {
      const row = figures.revision();
      return `${row.n}:${row.last}`;
    },

    /** The seed's raw best: the highest single rating given in this mode (kept, not searched for). */
    bestRating: (mode: Mode): number | null => figures.bestRating(mode),

    /** Pairs this rater rated (and did not take back) since `sinceIso`, in every mode. */
    ratedSince(ratedBy: string, sinceIso: string): number {
      return (countBySince.get(ratedBy, sinceIso) as { n: number }).n;
    },

    samplesCollected: (mode: Mode): number => 2 * figures.learningCount(mode),
  };
}
export type RatingsRepository = ReturnType<typeof createRatingsRepository>;
