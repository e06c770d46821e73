import type { Database } from 'better-sqlite3';
import type { Mode } from '../api';
import { COUNTS_FOR_LEARNING } from './quality';

/** What a newly written rating adds to the figures, read inside its transaction. */
export interface RatingDelta {
  mode: Mode;
  /** Whether it counts for learning (no gold, repeat or overlap pair, no excluded rater). */
  counts: boolean;
  best: number;
  options: { rating: number; prompt_version: string; has_output: boolean }[];
}

/** A figure computed by one aggregate query when first asked for, then kept up to date by deltas. */
function kept<T>(compute: () => T) {
  let value: T | null = null;
  return {
    get: (): T => (value ??= compute()),
    update(change: (current: T) => T): void {
      if (value !== null) value = change(value);
    },
    forget(): void {
      value = null;
    },
  };
}

/**
 * The counts the rating screen, the status and the learners ask for after every rating: each is one
 * aggregate over every rating the first time, then moved by each new rating's own figures instead
 * of counted again, so a rating costs the same at 100 or 100,000 rated pairs. Whatever changes them
 * otherwise (an undo, a pull, a gold or overlap mark on a rated pair, a rater excluded) makes them
 * be counted once more when next asked for.
 */
export function createRatingFigures(db: Database) {
  const revisionRow = db.prepare('SELECT count(*) AS n, coalesce(max(rowid), 0) AS last FROM ratings');
  const learningRows = db.prepare(
    `SELECT e.mode, count(*) AS n, max(max(r.rating_a, r.rating_b)) AS best
       FROM effective_ratings r JOIN experiments e ON e.id = r.experiment_id WHERE ${COUNTS_FOR_LEARNING} GROUP BY e.mode`,
  );
  const trainingRow = db.prepare(
    `SELECT count(*) AS n FROM effective_ratings r JOIN options o ON o.experiment_id = r.experiment_id WHERE o.output_sha256 IS NOT NULL AND ${COUNTS_FOR_LEARNING}`,
  );
  const sampleRow = db.prepare('SELECT count(*) AS n FROM effective_ratings r JOIN options o ON o.experiment_id = r.experiment_id');
  const versionRows = db.prepare(
    `SELECT o.prompt_version AS version, sum(CASE o.label WHEN 'A' THEN r.rating_a ELSE r.rating_b END) AS sum, count(*) AS n
       FROM options o JOIN effective_ratings r ON r.experiment_id = o.experiment_id GROUP BY o.prompt_version`,
  );
  const deltaRow = db.prepare(
    `SELECT e.mode, (${COUNTS_FOR_LEARNING}) AS counts, max(r.rating_a, r.rating_b) AS best
       FROM effective_ratings r JOIN experiments e ON e.id = r.experiment_id WHERE r.id = ?`,
  );
  const deltaOptions = db.prepare(
    `SELECT CASE o.label WHEN 'A' THEN r.rating_a ELSE r.rating_b END AS rating, o.prompt_version, o.output_sha256 IS NOT NULL AS has_output
       FROM options o JOIN ratings r ON r.experiment_id = o.experiment_id WHERE r.id = ?`,
  );
  const isRated = db.prepare('SELECT 1 FROM effective_ratings WHERE experiment_id = ?');

  const revision = kept(() => revisionRow.get() as { n: number; last: number });
  const learning = kept(() => {
    const byMode = new Map<Mode, { n: number; best: number | null }>();
    for (const row of learningRows.all() as { mode: Mode; n: number; best: number | null }[]) byMode.set(row.mode, row);
    return byMode;
  });
  const training = kept(() => (trainingRow.get() as { n: number }).n);
  const samples = kept(() => (sampleRow.get() as { n: number }).n);
  const versions = kept(() => new Map((versionRows.all() as { version: string; sum: number; n: number }[]).map((v) => [v.version, v])));
  const all = [revision, learning, training, samples, versions];

  const forget = () => all.forEach((figure) => figure.forget());

  return {
    revision: () => revision.get(),
    learningCount: (mode: Mode) => learning.get().get(mode)?.n ?? 0,
    bestRating: (mode: Mode) => learning.get().get(mode)?.best ?? null,
    trainingCount: () => training.get(),
    sampleCount: () => samples.get(),
    versionMean(version: string): number | null {
      const figure = versions.get().get(version);
      return figure && figure.n > 0 ? figure.sum / figure.n : null;
    },

    /** Inside the transaction that wrote rating `id`: what it adds, to be applied once it committed. */
    deltaOf(id: string): RatingDelta {
      const row = deltaRow.get(id) as { mode: Mode; counts: number; best: number };
      const options = (deltaOptions.all(id) as { rating: number; prompt_version: string; has_output: number }[]).map((o) => ({ ...o, has_output: o.has_output === 1 }));
      return { mode: row.mode, counts: row.counts === 1, best: row.best, options };
    },

    /** A committed new rating, with the ratings table's new last rowid. */
    rated(delta: RatingDelta, rowid: number): void {
      revision.update(({ n }) => ({ n: n + 1, last: rowid }));
      samples.update((n) => n + delta.options.length);
      versions.update((byVersion) => {
        for (const option of delta.options) {
          const figure = byVersion.get(option.prompt_version) ?? { version: option.prompt_version, sum: 0, n: 0 };
          byVersion.set(option.prompt_version, { ...figure, sum: figure.sum + option.rating, n: figure.n + 1 });
        }
        return byVersion;
      });
      if (!delta.counts) return;
      learning.update((byMode) => {
        const figure = byMode.get(delta.mode) ?? { n: 0, best: null };
        byMode.set(delta.mode, { n: figure.n + 1, best: Math.max(figure.best ?? delta.best, delta.best) });
        return byMode;
      });
      training.update((n) => n + delta.options.filter((o) => o.has_output).length);
    },

    /** Ratings were taken back or arrived by pull, or what counts for learning changed: count again. */
    forget,

    /** A gold, repeat or overlap mark was written: it changes the figures only if its pair is rated already. */
    marked(experimentId: string): void {
      if (isRated.get(experimentId)) forget();
    },
  };
}
export type RatingFigures = ReturnType<typeof createRatingFigures>;
