import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import { createTask, detachedClock, type Clock } from '../schedule';
import type { RefusedOutboxRow, Store } from '../store';
import { backoffDelay, type BackoffOptions } from './backoff';
import { SyncError } from './errors';
import { downloadImage, type SyncImages } from './image-files';
import { connectPostgres, type PostgresLink } from './postgres';
import { claimOverlap, type OverlapSettings } from './overlap';
import { pullFromServer } from './pull';
import { pushOutbox } from './push';
import { checkPostgres, checkS3 } from './connection-check';
import { connectS3, type S3Link } from './s3';
import { decideTls } from './tls';
import type { ConnectionCheck, PullCounts, SyncConfig, SyncProblem, SyncReport, SyncState, SyncStatus } from './types';

export type { ConnectionCheck, PostgresConfig, PullCounts, S3Config, SyncConfig, SyncProblem, SyncReport, SyncState, SyncStatus } from './types';
export type { PromptDecisionPayload } from './shipment';
export type { SyncImages } from './image-files';
export type { OverlapSettings } from './overlap';
export { OVERLAP_BACKLOG, overlapOffers, overlapPosition, type OverlapAsk, type OverlapCandidate } from './overlap-offers';
export { SERVER_SCHEMA_VERSION } from './postgres';
export { decideTls, isLoopbackHost } from './tls';
export { classifyPostgresError } from './errors';
export { describeConnection } from './postgres';
export { migrateServer, readServerMigrations } from './server-migrations';
export { backoffDelay } from './backoff';
export { imageKey, promptVersionKey, raterSegment } from './push-s3';

export interface SyncOptions {
  /** The workstation's store: the outbox is read from it, pulled rows are written to it. */
  store: Store;
  /** The data folder: images/ and prompts/versions/ live there. */
  dataDir: string;
  /** The image store (`createImageStore`): where a local file is, by hash, and the upload checks. */
  images: SyncImages;
  /** Connection settings with their secrets, from the OS keychain; never stored by the sync. */
  config: SyncConfig;
  /** Time and the waits between runs; the real clock (whose waits keep no process alive) by default. */
  clock?: Clock;
  /** In [0, 1); draws the backoff jitter and the sides of overlap copies. */
  random?: () => number;
  /**
   * The overlap settings at each run; without them (or without S3, which brings the images) this
   * workstation claims no other trainer's pairs.
   */
  overlap?: () => OverlapSettings;
  /** After a run that put copies of other trainers' pairs in the queue. */
  onOverlapCopies?: (made: number) => void;
  log?: (message: string) => void;
  /** Outbox rows per batch; defaults to 500. */
  batchSize?: number;
  /** Rows per table per pull page; defaults to 2000. */
  pullPageSize?: number;
  backoff?: BackoffOptions;
}

export interface Sync {
  /**
   * Ships the outbox, then pulls. A call during a run gets one more run right after it (shared by
   * every call in the meantime), so what was written meanwhile ships too. Never throws: see the report.
   */
  syncNow(): Promise<SyncReport>;
  /** Syncs now and then every `intervalMs`, backing off while offline or failing. */
  start(intervalMs: number): void;
  /** Stops the loop, waits for a run in progress, closes connections. */
  stop(): Promise<void>;
  /** New settings (e.g. a fixed password): clears a stopped error state and syncs if started. */
  reconfigure(config: SyncConfig): Promise<void>;
  /**
   * Tell the sync the outbox grew (a rating was written): refreshes the pending count and, while
   * started and not backing off, ships within a few seconds instead of at the next interval.
   */
  poke(): void;
  status(): SyncStatus;
  /** The outbox rows the server refused for good, newest first, with its reasons. */
  refusedRows(limit?: number): RefusedOutboxRow[];
  onStatus(listener: (status: SyncStatus) => void): () => void;
  /** Checks each configured server without shipping anything. */
  testConnection(): Promise<{ postgres: ConnectionCheck | null; s3: ConnectionCheck | null }>;
  /** The local path of an image, downloading it from S3 when only its record was pulled. */
  fetchImage(sha256: string): Promise<string>;
}

/** Ratings arrive in bursts of a few seconds; one run after the burst ships them together. */
const POKE_DELAY_MS = 3_000;

const NOTHING_PULLED: PullCounts = { ratings: 0, retractions: 0, skips: 0, experiments: 0, prompt_versions: 0, skipped: 0, current_version: null, overlap: 0 };

/**
 * The offline-first sync of one workstation (DESIGN.md §5). Every rating, retraction, skip, pair
 * and locally made prompt version is written to the local outbox in the transaction that made it;
 * this worker ships the outbox to PostgreSQL and S3 in fixed batches, idempotently (ids are made on
 * the desktop, every server insert is ON CONFLICT DO NOTHING), and pulls the other workstations'
 * work back (see pull.ts for the conflict rules).
 *
 * States: 'not_configured' (no server set), 'idle' (last run succeeded), 'syncing', 'offline'
 * (server unreachable: a normal state, retried with exponential backoff and jitter) and 'error'
 * (`last_error.retrying` says whether it retries by itself: a 503 does, a wrong password or a server
 * schema that does not match this app does not, until `reconfigure` or `syncNow`).
 */
export function createSync(options: SyncOptions): Sync {
  const { store } = options;
  const clock = options.clock ?? detachedClock;
  const now = () => new Date(clock.now()).toISOString();
  const random = options.random ?? Math.random;
  const nextUlid = monotonicFactory();
  const newId = (prefix: string) => `${prefix}_${nextUlid().toLowerCase()}`;
  const log = options.log ?? (() => {});
  const promptVersionsDir = join(options.dataDir, 'prompts', 'versions');
  let config = options.config;
  let postgres: PostgresLink | null = null;
  let s3: S3Link | null = null;
  let state: SyncState = configured() ? 'idle' : 'not_configured';
  let lastError: SyncProblem | null = null;
  let failures = 0;
  let started = false;
  let intervalMs = 60_000;
  // The latest run's outcome (its report, or what it threw): what syncNow answers once its run ended.
  let lastRun: Promise<SyncReport> | null = null;
  // Every run, asked for or waited for, goes through this one task: never two at once.
  const loop = createTask(
    clock,
    async () => {
      lastRun = run();
      await lastRun;
    },
    {
      delayMs: POKE_DELAY_MS,
      stillDue: retriesByItself,
      report: (error) => log(`sync run failed: ${error.message}`),
    },
  );
  const listeners = new Set<(status: SyncStatus) => void>();
  const fetching = new Map<string, Promise<string>>();

  function configured(): boolean {
    return config.postgres !== null || config.s3 !== null;
  }

  /** Whether the loop runs again without a person: started, set up, and not stopped by an error a person must fix. */
  function retriesByItself(): boolean {
    return started && configured() && !(lastError && !lastError.retrying);
  }

  function links() {
    if (config.postgres && !postgres) postgres = connectPostgres(config.postgres, log);
    if (config.s3 && !s3) s3 = connectS3(config.s3);
    return { postgres, s3 };
  }

  async function closeLinks(): Promise<void> {
    const closing = postgres?.close();
    s3?.close();
    postgres = null;
    s3 = null;
    await closing?.catch(() => undefined);
  }

  function status(): SyncStatus {
    return {
      state,
      pending: store.sync.pendingCount(),
      pending_by_kind: store.sync.pendingByKind(),
      refused: store.sync.refusedCount(),
      connection_warning: config.postgres ? decideTls(config.postgres.connectionString).warning : null,
      last_success_at: store.sync.state.get<string>('last_success_at') ?? null,
      last_error: lastError,
      next_attempt_at: nextAttemptAt(),
    };
  }

  function emit(): void {
    const current = status();
    for (const listener of listeners) listener(current);
  }

  function nextAttemptAt(): string | null {
    const due = loop.dueAt();
    return due === null ? null : new Date(due).toISOString();
  }

  /**
   * After a run: the next one after the backoff while failing (it replaces any shorter wait), else
   * after the interval, or sooner when a poke during the run asked for it.
   */
  function scheduleNext(): void {
    if (!retriesByItself()) return loop.cancel();
    if (failures === 0) return loop.soon(intervalMs);
    loop.cancel();
    loop.soon(backoffDelay(failures, random, options.backoff));
  }

  async function run(): Promise<SyncReport> {
    const report: SyncReport = { state, shipped: 0, batches: 0, refused: 0, pulled: { ...NOTHING_PULLED }, error: null };
    if (!configured()) {
      state = 'not_configured';
      emit();
      return { ...report, state };
    }
    state = 'syncing';
    loop.cancel();
    emit();
    try {
      const { postgres: pg, s3: bucket } = links();
      if (pg) await pg.checkSchema();
      const pushed = await pushOutbox({
        store,
        postgres: pg,
        s3: bucket,
        pathOf: (sha) => options.images.pathOf(sha),
        promptVersionsDir,
        batchSize: options.batchSize ?? 500,
        log,
        onBatch: emit,
      });
      report.shipped = pushed.shipped;
      report.batches = pushed.batches;
      report.refused = pushed.refused;
      if (pg) {
        report.pulled = await pullFromServer({ store, postgres: pg, promptVersionsDir, pageSize: options.pullPageSize ?? 2000, log });
        if (bucket && options.overlap) {
          const settings = options.overlap();
          report.pulled.overlap = await claimOverlap({ store, postgres: pg, s3: bucket, dataDir: options.dataDir, images: options.images, settings, newId, random, log });
          if (report.pulled.overlap > 0) options.onOverlapCopies?.(report.pulled.overlap);
        }
      }
      failures = 0;
      lastError = null;
      state = 'idle';
      store.sync.state.set('last_success_at', now());
    } catch (error) {
      const failure =
        error instanceof SyncError ? error : new SyncError('transient', `The sync failed unexpectedly: ${(error as Error).message}.`, 'The sync retries by itself.');
      failures++;
      lastError = { message: failure.message, action: failure.action, retrying: failure.kind !== 'fatal' };
      state = failure.kind === 'offline' ? 'offline' : 'error';
      report.error = lastError;
      log(`sync ${state}: ${failure.message}`);
    }
    report.state = state;
    scheduleNext();
    emit();
    return report;
  }

  async function syncNow(): Promise<SyncReport> {
    // The task is never closed, so now() always runs and lastRun is set.
    await loop.now();
    return lastRun!;
  }

  return {
    syncNow,
    start(interval: number) {
      intervalMs = interval;
      started = true;
      void syncNow();
    },
    async stop() {
      started = false;
      loop.cancel();
      await loop.idle();
      await closeLinks();
    },
    async reconfigure(next: SyncConfig) {
      await loop.idle();
      loop.cancel();
      await closeLinks();
      config = next;
      failures = 0;
      lastError = null;
      state = configured() ? 'idle' : 'not_configured';
      emit();
      if (started) void syncNow();
    },
    poke() {
      // Without a server there is nothing to ship and no status to report: the pending count is
      // read when asked for.
      if (!configured()) return;
      emit();
      // A poke never shortens a backoff: offline stays calm however fast the trainer rates.
      if (failures === 0 && retriesByItself()) loop.soon(Math.min(POKE_DELAY_MS, intervalMs));
    },
    status,
    refusedRows: (limit) => store.sync.refused(limit),
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async testConnection() {
      const [pg, bucket] = await Promise.all([
        config.postgres ? checkPostgres(() => links().postgres!, config.postgres.connectionString) : Promise.resolve(null),
        config.s3 ? checkS3(() => links().s3!, config.s3.bucket) : Promise.resolve(null),
      ]);
      return { postgres: pg, s3: bucket };
    },
    fetchImage(sha256: string): Promise<string> {
      const local = options.images.pathOf(sha256);
      if (local) return Promise.resolve(local);
      const inFlight = fetching.get(sha256);
      if (inFlight) return inFlight;
      const work = (async () => {
        const [image] = store.sync.images([sha256]);
        if (!image) throw new SyncError('fatal', `No image with hash ${sha256.slice(0, 12)}… is known here.`, 'Sync, then try again.');
        const bucket = links().s3;
        if (!bucket) throw new SyncError('fatal', 'This image is on another workstation and S3 is not set up here.', 'Set up the S3 bucket in Settings → Sync.');
        return downloadImage(bucket, options.dataDir, image, options.images);
      })().finally(() => fetching.delete(sha256));
      fetching.set(sha256, work);
      return work;
    },
  };
}
export { serverExportSource, type ServerExportOptions } from './export-source';
