import type { Database } from 'better-sqlite3';
import type { PendingRecords } from '../api';
import { createPulledRowsWriter } from './sync-pulled';
import type { ImageWithSource } from './types';

export type { PulledPage, PulledExperiment, PulledImage, PulledOption, PulledRating, PulledRetraction, PulledSkip, PulledPromptVersion, PulledCounts, SkippedPulledRow } from './sync-pulled';

export interface OutboxItem {
  seq: number;
  /** 'experiment' | 'rating' | 'retraction' | 'skip' | 'image' | 'prompt_version' | 'prompt_decision' */
  entity: string;
  entity_id: string;
  payload: unknown;
}

export interface OutboxBatch {
  /** `<workstation>-<first seq>`: unique for ever, since outbox seqs are never reused. */
  id: string;
  items: OutboxItem[];
}

/** An outbox row the server refused for good, set aside so the rows after it still ship. */
export interface RefusedOutboxRow {
  seq: number;
  entity: string;
  entity_id: string;
  reason: string;
  refused_at: string;
}

/** `source_name` is set when the image is a source render here. */
export type LocalImage = ImageWithSource;

export interface LocalOption {
  id: string;
  experiment_id: string;
  label: 'A' | 'B';
  provider: string;
  parameters_json: string;
  prompt_version: string;
  seed: number;
  output_sha256: string | null;
}

/** Which count an outbox row adds to; images and prompt files ship with them and count as other. */
const KIND_OF_ENTITY: Partial<Record<string, keyof PendingRecords>> = { rating: 'ratings', retraction: 'undos', skip: 'skips', experiment: 'pairs' };

const list = (values: Iterable<string>) => JSON.stringify([...new Set(values)]);

/** What the sync reads and writes in the local store: outbox batches, its own state, pulled rows. */
export function createSyncRepository(db: Database, now: () => string, pulled: (ratingsChanged: boolean) => void) {
  const getState = db.prepare('SELECT value_json FROM sync_state WHERE key = ?');
  const putState = db.prepare(
    'INSERT INTO sync_state (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
  );
  const openBatchId = db.prepare(
    'SELECT batch_id FROM outbox WHERE batch_id IS NOT NULL AND shipped_at IS NULL AND refused_at IS NULL ORDER BY seq LIMIT 1',
  );
  const freshRows = db.prepare('SELECT seq FROM outbox WHERE shipped_at IS NULL AND refused_at IS NULL AND batch_id IS NULL ORDER BY seq LIMIT ?');
  const assignBatch = db.prepare(
    'UPDATE outbox SET batch_id = ? WHERE shipped_at IS NULL AND refused_at IS NULL AND batch_id IS NULL AND seq BETWEEN ? AND ?',
  );
  const batchRows = db.prepare(
    'SELECT seq, entity, entity_id, payload_json FROM outbox WHERE batch_id = ? AND shipped_at IS NULL AND refused_at IS NULL ORDER BY seq',
  );
  const markShipped = db.prepare(
    'UPDATE outbox SET shipped_at = ?, last_error = NULL WHERE batch_id = ? AND shipped_at IS NULL AND refused_at IS NULL',
  );
  const markFailed = db.prepare(
    'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE batch_id = ? AND shipped_at IS NULL AND refused_at IS NULL',
  );
  const markRefused = db.prepare('UPDATE outbox SET refused_at = ?, last_error = ? WHERE seq = ? AND shipped_at IS NULL');
  const refusedRows = db.prepare(
    'SELECT seq, entity, entity_id, last_error AS reason, refused_at FROM outbox WHERE refused_at IS NOT NULL ORDER BY seq DESC LIMIT ?',
  );
  const refusedCount = db.prepare('SELECT count(*) AS n FROM outbox WHERE refused_at IS NOT NULL');
  const pending = db.prepare('SELECT count(*) AS n FROM outbox WHERE shipped_at IS NULL AND refused_at IS NULL');
  const pendingByEntity = db.prepare('SELECT entity, count(*) AS n FROM outbox WHERE shipped_at IS NULL AND refused_at IS NULL GROUP BY entity');
  const pendingOf = db.prepare('SELECT 1 FROM outbox WHERE shipped_at IS NULL AND refused_at IS NULL AND entity = ? LIMIT 1');
  const images = db.prepare(
    `SELECT i.sha256, i.mime, i.width, i.height, i.bytes, s.name AS source_name
       FROM images i LEFT JOIN source_images s USING (sha256)
      WHERE i.sha256 IN (SELECT value FROM json_each(?))`,
  );
  const options = db.prepare(
    `SELECT id, experiment_id, label, provider, parameters_json, prompt_version, seed, output_sha256
       FROM options WHERE experiment_id IN (SELECT value FROM json_each(?)) ORDER BY experiment_id, label`,
  );
  const experiments = db.prepare(
    'SELECT id, mode, source_sha256 FROM experiments WHERE id IN (SELECT value FROM json_each(?))',
  );
  const uploaded = db.prepare('SELECT value AS sha256 FROM json_each(?) WHERE value IN (SELECT sha256 FROM sync_uploaded_images)');
  const markUploaded = db.prepare('INSERT INTO sync_uploaded_images (sha256) VALUES (?) ON CONFLICT DO NOTHING');
  // finishGeneration announces a pair (and sets ready_at) only when it succeeded; a failed pair
  // reaches the outbox only through its skip.
  const unannounced = db.prepare('SELECT id FROM experiments WHERE ready_at IS NULL AND id IN (SELECT value FROM json_each(?))');
  const missingExperiments = db.prepare('SELECT value AS id FROM json_each(?) WHERE value NOT IN (SELECT id FROM experiments)');
  const missingRatings = db.prepare('SELECT value AS id FROM json_each(?) WHERE value NOT IN (SELECT id FROM ratings)');

  const state = {
    get<T>(key: string): T | undefined {
      const row = getState.get(key) as { value_json: string } | undefined;
      return row ? (JSON.parse(row.value_json) as T) : undefined;
    },
    set(key: string, value: unknown): void {
      putState.run(key, JSON.stringify(value));
    },
  };
  const workstationId = state.get<string>('workstation_id')!;

  return {
    workstationId,
    state,
    pendingCount(): number {
      return (pending.get() as { n: number }).n;
    },
    /** The pending rows by what they are, so that each can be counted in its own unit. */
    pendingByKind(): PendingRecords {
      const kinds: PendingRecords = { ratings: 0, undos: 0, skips: 0, pairs: 0, other: 0 };
      for (const { entity, n } of pendingByEntity.all() as { entity: string; n: number }[]) {
        const kind = KIND_OF_ENTITY[entity] ?? 'other';
        kinds[kind] += n;
      }
      return kinds;
    },
    hasPending(entity: string): boolean {
      return pendingOf.get(entity) !== undefined;
    },

    /** The batch left open by an interrupted run, else a new one of up to `limit` rows; null when all shipped. */
    openBatch(limit: number): OutboxBatch | null {
      return db.transaction((): OutboxBatch | null => {
        let id = (openBatchId.get() as { batch_id: string } | undefined)?.batch_id;
        if (!id) {
          const fresh = freshRows.all(limit) as { seq: number }[];
          if (fresh.length === 0) return null;
          const first = fresh[0]!.seq;
          id = `${workstationId}-${String(first).padStart(9, '0')}`;
          assignBatch.run(id, first, fresh.at(-1)!.seq);
        }
        const rows = batchRows.all(id) as { seq: number; entity: string; entity_id: string; payload_json: string }[];
        return { id, items: rows.map((r) => ({ seq: r.seq, entity: r.entity, entity_id: r.entity_id, payload: JSON.parse(r.payload_json) })) };
      })();
    },
    markShipped(batchId: string): number {
      return markShipped.run(now(), batchId).changes;
    },
    markFailed(batchId: string, message: string): void {
      markFailed.run(message, batchId);
    },
    /** Sets rows aside that the server refused for good, each with the server's reason. */
    markRefused(rows: { seq: number; reason: string }[]): void {
      const at = now();
      db.transaction(() => {
        for (const row of rows) markRefused.run(at, row.reason, row.seq);
      })();
    },
    refusedCount(): number {
      return (refusedCount.get() as { n: number }).n;
    },
    /** The latest refused rows, newest first, with why the server refused them. */
    refused(limit = 100): RefusedOutboxRow[] {
      return refusedRows.all(limit) as RefusedOutboxRow[];
    },

    images(shas: Iterable<string>): LocalImage[] {
      return images.all(list(shas)) as LocalImage[];
    },
    options(experimentIds: Iterable<string>): LocalOption[] {
      return options.all(list(experimentIds)) as LocalOption[];
    },
    experiments(ids: Iterable<string>): { id: string; mode: string; source_sha256: string }[] {
      return experiments.all(list(ids)) as { id: string; mode: string; source_sha256: string }[];
    },
    /** Of these pairs, the ones never announced in the outbox (failed generations, then skipped). */
    unannounced(ids: Iterable<string>): string[] {
      return (unannounced.all(list(ids)) as { id: string }[]).map((r) => r.id);
    },
    /** Of these images, the ones already known to be in the bucket. */
    uploaded(shas: Iterable<string>): Set<string> {
      return new Set((uploaded.all(list(shas)) as { sha256: string }[]).map((r) => r.sha256));
    },
    markUploaded(sha256: string): void {
      markUploaded.run(sha256);
    },
    missingExperiments(ids: Iterable<string>): string[] {
      return (missingExperiments.all(list(ids)) as { id: string }[]).map((r) => r.id);
    },
    missingRatings(ids: Iterable<string>): string[] {
      return (missingRatings.all(list(ids)) as { id: string }[]).map((r) => r.id);
    },
    ...createPulledRowsWriter(db, now, state, pulled),
  };
}
export type SyncRepository = ReturnType<typeof createSyncRepository>;
