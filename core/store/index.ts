import type { Database } from 'better-sqlite3';
import { openDatabase, type OpenOptions } from './database';
import { createExperimentsRepository } from './experiments';
import { createExportRowsRepository } from './export-rows';
import { createPairChecksRepository } from './pair-checks';
import { createHistoryRepository } from './history';
import { createImagesRepository } from './images';
import { createOutboxRepository } from './outbox';
import { createOverlapRepository } from './overlap';
import { createPromptIndexRepository } from './prompts';
import { createQualityRepository } from './quality';
import { createRatingFigures } from './rating-figures';
import { createRatingsRepository } from './ratings';
import { createRatingsSignal } from './ratings-signal';
import { createRewardRepository } from './reward';
import { createSettingsRepository } from './settings';
import { createSyncRepository } from './sync';

export { INTERNAL_SETTING_KEYS, SETTING_SCHEMAS, type SettingKey, type StoredSettings } from './settings-schema';
export type { ExperimentRecord, ImageRecord, OptionRecord, RatedOption, RatingRecord, SourceRecord } from './types';
export type { NewExperiment, OptionOutput } from './experiments';
export type { CandidateRow, CandidateStatus, DecisionRow, EvolutionRow, PromptIndexRow, TestPairRow, VersionPerformance } from './prompts';
export type { HistoryFilter } from './history';
export type { CachedFeatures, RewardModelRecord, RewardRepository, RewardTrainingRow } from './reward';
export type * from './sync';
export { MIGRATIONS, migrate, checkRegistry, type Migration } from './migrations';
export { detailsShownOf } from './ratings';
export type { RatingsChange, RatingsChangeSource, RatingsListener } from './ratings-signal';
export type { ExportOptionRow, ExportPairRow, ExportRowDecoding, ExportRowsRepository } from './export-rows';
export { exportPairRowOf } from './export-rows';
export type { OverlapMark, OverlapRepository } from './overlap';
export type { GoldDefect, QualityPairRow, QualityRepository, RaterAnswerRow, RaterExclusion } from './quality';

export interface StoreOptions extends OpenOptions {
  /** ISO timestamp source; injected so tests control time. */
  now?: () => string;
  /** Where a failing listener of the ratings signal and an unusable stored setting are reported; stderr by default. */
  log?: (message: string) => void;
}

/** The one typed interface to the local SQLite cache. */
export function openStore(file: string, options: StoreOptions = {}) {
  const db: Database = openDatabase(file, options);
  const now = options.now ?? (() => new Date().toISOString());
  const outbox = createOutboxRepository(db, now);
  const experiments = createExperimentsRepository(db, outbox, now);
  const log = options.log ?? ((message: string) => console.error(message));
  const ratingsSignal = createRatingsSignal(log);
  const figures = createRatingFigures(db);
  const ratings = createRatingsRepository(db, experiments, outbox, now, figures, (source, mode) => ratingsSignal.raise({ revision: ratings.revision(), source, mode }));
  const pulled = (ratingsChanged: boolean) => {
    // A page may bring marks for rated pairs as well as ratings: the kept counts are counted again.
    figures.forget();
    if (ratingsChanged) ratingsSignal.raise({ revision: ratings.revision(), source: 'pull', mode: null });
  };
  return {
    images: createImagesRepository(db, now),
    experiments,
    pairChecks: createPairChecksRepository(db, now),
    ratings,
    /** Listens to the ratings signal: raised once per committed rating, undo, skip or pulled page. */
    onRatingsChanged: ratingsSignal.listen,
    outbox,
    // Excluding a rater changes which ratings count for learning.
    settings: createSettingsRepository(db, log, (key) => key === 'excluded_raters' && figures.forget()),
    history: createHistoryRepository(db),
    prompts: createPromptIndexRepository(db, figures),
    sync: createSyncRepository(db, now, pulled),
    reward: createRewardRepository(db, now, figures),
    quality: createQualityRepository(db, now, figures.marked),
    overlap: createOverlapRepository(db, figures.marked),
    exportRows: createExportRowsRepository(db),
    /** Runs `work` in one SQLite transaction (a savepoint inside another): all of its writes or none. */
    transaction<T>(work: () => T): T {
      return db.transaction(work)();
    },
    /**
     * The raw database, for tests and benchmarks that seed or inspect rows no store method covers.
     * Core code never calls it: each use there is a named method above (tests/unit/store/raw-db.test.ts).
     */
    forTests: (): Database => db,
    /** Closes the database; closing again does nothing. */
    close(): void {
      if (db.open) db.close();
    },
  };
}
export type Store = ReturnType<typeof openStore>;
