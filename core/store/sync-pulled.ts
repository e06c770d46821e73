import type { Database } from 'better-sqlite3';
import { createOverlapRepository, type OverlapMark } from './overlap';
import { createQualityRepository, type QualityPairRow } from './quality';
import type { PromptIndexRow } from './prompts';
import type { ExperimentRecord, ImageWithSource, OptionRecord, RatingRecord } from './types';

/** Pulled images have the same shape as the ones shipped. */
export type PulledImage = ImageWithSource;

/**
 * A pulled option as the server holds it: the local option's columns, except that its provider and
 * parameters come from another workstation (maybe a newer release) and are not known to be this
 * release's until used.
 */
export type PulledOption = Omit<OptionRecord, 'predicted_rating' | 'error' | 'provider' | 'parameters'> & { provider: string; parameters: unknown };

/** A pulled pair: the local pair's columns that travel, the workstation that made it, and its options. */
export type PulledExperiment = Pick<ExperimentRecord, 'id' | 'source_sha256' | 'mode' | 'project_id' | 'site_visit_id' | 'created_at' | 'ready_at'> & {
  workstation_id: string;
  options: PulledOption[];
};

/** A pulled rating: PostgreSQL keeps whether the rater saw the pair's details as a boolean (null when the row predates recording it). */
export type PulledRating = Omit<RatingRecord, 'details_shown'> & { details_shown: boolean | null };

export interface PulledRetraction {
  id: string;
  rating_id: string;
  experiment_id: string;
  rated_by: string;
  retracted_at: string;
}

export interface PulledSkip {
  id: string;
  experiment_id: string;
  rated_by: string;
  reason: string;
  skipped_at: string;
}

/** An entry of the local prompt index for a version file the sync wrote into the data folder: always a remote one. */
export type PulledPromptVersion = Omit<PromptIndexRow, 'origin'>;

/** One page of a pull, applied with its cursors in one transaction: a crash repeats it, never halves it. */
export interface PulledPage {
  images: PulledImage[];
  experiments: PulledExperiment[];
  /** Which of these pairs are overlap copies of another trainer's pair. */
  overlap_marks?: OverlapMark[];
  /** Gold and repeat marks, pulled by their own cursor: a mark may come before its pair. */
  quality_marks?: QualityPairRow[];
  ratings: PulledRating[];
  retractions: PulledRetraction[];
  skips: PulledSkip[];
  prompt_versions: PulledPromptVersion[];
  /** sync_state keys and values to store with the rows (the cursors past this page). */
  state: Record<string, unknown>;
}

/** A pulled row this database refused (a check or foreign key it breaks), with SQLite's reason. */
export interface SkippedPulledRow {
  table: string;
  id: string;
  reason: string;
}

export interface PulledCounts {
  ratings: number;
  retractions: number;
  skips: number;
  experiments: number;
  prompt_versions: number;
  skipped: SkippedPulledRow[];
}

/**
 * Writes rows pulled from other workstations. Everything is INSERT … ON CONFLICT DO NOTHING keyed by
 * the ids made on the desktops, so a page pulled twice (or this workstation's own rows coming back)
 * changes nothing, and local rows are never overwritten. Pulled pairs are marked remote: they never
 * enter this workstation's queue, and their status follows their ratings.
 */
const asFlag = (value: boolean | null): 0 | 1 | null => (value === null ? null : value ? 1 : 0);

export function createPulledRowsWriter(
  db: Database,
  now: () => string,
  state: { set(key: string, value: unknown): void },
  /** Called after each page has committed; `ratingsChanged` when it brought ratings, retractions or skips. */
  pulled: (ratingsChanged: boolean) => void,
) {
  const insertImage = db.prepare(
    `INSERT INTO images (sha256, mime, width, height, bytes, created_at) VALUES (@sha256, @mime, @width, @height, @bytes, @created_at)
     ON CONFLICT DO NOTHING`,
  );
  const insertSource = db.prepare(
    'INSERT INTO source_images (sha256, name, sample_id, created_at) VALUES (?, ?, NULL, ?) ON CONFLICT DO NOTHING',
  );
  const markRemoteSource = db.prepare('INSERT INTO sync_remote_sources (sha256) VALUES (?) ON CONFLICT DO NOTHING');
  const insertExperiment = db.prepare(
    `INSERT INTO experiments (id, source_sha256, mode, status, priority, project_id, site_visit_id, created_at, ready_at)
     VALUES (@id, @source_sha256, @mode, 'rated', 0, @project_id, @site_visit_id, @created_at, @ready_at) ON CONFLICT DO NOTHING`,
  );
  const insertOption = db.prepare(
    `INSERT INTO options (id, experiment_id, label, provider, parameters_json, origin, prompt_version, seed, output_sha256, latency_ms, cost_usd)
     VALUES (@id, @experiment_id, @label, @provider, @parameters_json, @origin, @prompt_version, @seed, @output_sha256, @latency_ms, @cost_usd)
     ON CONFLICT DO NOTHING`,
  );
  const markRemoteExperiment = db.prepare(
    'INSERT INTO sync_remote_experiments (experiment_id, workstation_id, pulled_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const overlap = createOverlapRepository(db);
  const quality = createQualityRepository(db, now);
  const insertRating = db.prepare(
    `INSERT INTO ratings (id, experiment_id, kind, rated_by, outcome, rating_a, comment_a, rating_b, comment_b, shown_at, answered_at, details_shown)
     VALUES (@id, @experiment_id, 'rating', @rated_by, @outcome, @rating_a, @comment_a, @rating_b, @comment_b, @shown_at, @answered_at, @details_shown)
     ON CONFLICT DO NOTHING`,
  );
  const insertRetraction = db.prepare(
    `INSERT INTO ratings (id, experiment_id, kind, supersedes, rated_by, answered_at)
     VALUES (@id, @experiment_id, 'retraction', @rating_id, @rated_by, @retracted_at) ON CONFLICT DO NOTHING`,
  );
  const insertSkip = db.prepare(
    `INSERT INTO skips (id, experiment_id, rated_by, reason, skipped_at) VALUES (@id, @experiment_id, @rated_by, @reason, @skipped_at)
     ON CONFLICT DO NOTHING`,
  );
  const insertPromptIndex = db.prepare(
    `INSERT INTO prompt_versions (version, origin, file, parent_version, created_at, created_by, sha256)
     VALUES (@version, 'remote', @file, @parent_version, @created_at, @created_by, @sha256) ON CONFLICT DO NOTHING`,
  );
  // A remote pair is 'rated' while it has a rating in force, else 'skipped' (retracted and not yet
  // rated again by its trainer, or skipped there): either way it stays out of this queue.
  const settleRemote = db.prepare(
    `UPDATE experiments SET status = CASE WHEN EXISTS (SELECT 1 FROM effective_ratings r WHERE r.experiment_id = experiments.id)
                                          THEN 'rated' ELSE 'skipped' END
      WHERE id IN (SELECT experiment_id FROM sync_remote_experiments WHERE experiment_id IN (SELECT value FROM json_each(?)))`,
  );

  // Each row (a pair with its options) under its own savepoint: a row this database refuses (a
  // check or foreign key it breaks) is skipped with the reason, and the rest of the page lands.
  const one = (skipped: SkippedPulledRow[], table: string, id: string, write: () => number): number => {
    try {
      return db.transaction(write)();
    } catch (error) {
      if (!String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT')) throw error;
      skipped.push({ table, id, reason: (error as Error).message });
      return 0;
    }
  };

  return {
    applyPulled(page: PulledPage): PulledCounts {
      let marks = 0;
      const applied = db.transaction((): PulledCounts => {
        const at = now();
        const counts: PulledCounts = { ratings: 0, retractions: 0, skips: 0, experiments: 0, prompt_versions: 0, skipped: [] };
        const names = new Map(page.images.map((i) => [i.sha256, i.source_name]));
        for (const image of page.images) one(counts.skipped, 'images', image.sha256, () => insertImage.run({ ...image, created_at: at }).changes);
        for (const experiment of page.experiments) {
          counts.experiments += one(counts.skipped, 'experiments', experiment.id, () => {
            const name = names.get(experiment.source_sha256) ?? `render ${experiment.source_sha256.slice(0, 8)}`;
            if (insertSource.run(experiment.source_sha256, name, at).changes > 0) markRemoteSource.run(experiment.source_sha256);
            if (insertExperiment.run(experiment).changes === 0) return 0;
            markRemoteExperiment.run(experiment.id, experiment.workstation_id, at);
            for (const option of experiment.options) {
              insertOption.run({ ...option, experiment_id: experiment.id, parameters_json: JSON.stringify(option.parameters) });
            }
            return 1;
          });
        }
        for (const mark of page.overlap_marks ?? []) one(counts.skipped, 'overlap_claims', mark.experiment_id, () => overlap.record(mark));
        for (const mark of page.quality_marks ?? []) marks += one(counts.skipped, 'quality_pairs', mark.experiment_id, () => quality.recordPulled(mark));
        for (const rating of page.ratings) counts.ratings += one(counts.skipped, 'pair_ratings', rating.id, () => insertRating.run({ ...rating, details_shown: asFlag(rating.details_shown) }).changes);
        for (const retraction of page.retractions) {
          counts.retractions += one(counts.skipped, 'rating_retractions', retraction.id, () => insertRetraction.run(retraction).changes);
        }
        for (const skip of page.skips) counts.skips += one(counts.skipped, 'skips', skip.id, () => insertSkip.run(skip).changes);
        for (const version of page.prompt_versions) {
          counts.prompt_versions += one(counts.skipped, 'prompt_versions', version.version, () => insertPromptIndex.run(version).changes);
        }
        const touched = [...page.ratings, ...page.retractions, ...page.skips].map((r) => r.experiment_id);
        if (touched.length) settleRemote.run(JSON.stringify([...new Set(touched)]));
        for (const [key, value] of Object.entries(page.state)) state.set(key, value);
        return counts;
      })();
      // Experiments and prompt versions alone change no rating: the learners need not hear of them.
      // A gold or repeat mark takes its pair's ratings out of learning.
      pulled(applied.ratings + applied.retractions + applied.skips + marks > 0);
      return applied;
    },
  };
}
