import type { PendingRecords } from '../api';

/** Where the studio's data lives. Either half may be null: the other still syncs. */
export interface SyncConfig {
  postgres: PostgresConfig | null;
  s3: S3Config | null;
}

export interface PostgresConfig {
  /** `postgres://user:password@host:port/database`; the password comes from the OS keychain. */
  connectionString: string;
  /** Gives up on an unreachable server after this long; defaults to 5 s. */
  connectTimeoutMs?: number;
  /** Cancels one statement that runs longer than this; defaults to 60 s. */
  statementTimeoutMs?: number;
}

export interface S3Config {
  /** null for AWS itself; a URL for MinIO, R2, Ceph and other S3-compatible stores. */
  endpoint: string | null;
  region: string;
  bucket: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key`; most self-hosted stores need it. */
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  /** Attempts per request inside the AWS SDK before the sync's own backoff takes over; defaults to 3. */
  maxAttempts?: number;
}

export type SyncState = 'not_configured' | 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncProblem {
  /** What went wrong, for the person at the workstation. */
  message: string;
  /** What to do about it. */
  action: string;
  /** True when the sync retries by itself (offline, a server hiccup); false when a person must act. */
  retrying: boolean;
}

export interface SyncStatus {
  state: SyncState;
  /** Outbox rows written on this workstation and not yet on the server. */
  pending: number;
  /** The same rows by what they are: what the trainer counts is the ratings, not the rows. */
  pending_by_kind: PendingRecords;
  /**
   * Outbox rows the server refused for good and that were set aside so the rest could ship (a rater
   * id owned by another login, a prompt decision shipped with a trainer's login, text PostgreSQL
   * cannot store); `Sync.refusedRows` lists them with the server's reasons, for the admin.
   */
  refused: number;
  last_success_at: string | null;
  last_error: SyncProblem | null;
  /** Set while the PostgreSQL connection is configured without encryption or certificate checks. */
  connection_warning: { message: string; action: string } | null;
  /** When the next automatic attempt runs, while started and retrying. */
  next_attempt_at: string | null;
}

export interface PullCounts {
  ratings: number;
  retractions: number;
  skips: number;
  experiments: number;
  prompt_versions: number;
  /** Pulled rows skipped as malformed (each logged with why); the pull moved past them. */
  skipped: number;
  /** The version the admins' latest decision names, when it changed this workstation's pointer. */
  current_version: string | null;
}

export interface SyncReport {
  state: SyncState;
  /** Outbox rows shipped in this run. */
  shipped: number;
  batches: number;
  /** Outbox rows the server refused for good in this run. */
  refused: number;
  pulled: PullCounts;
  error: SyncProblem | null;
}

export interface ConnectionCheck {
  ok: boolean;
  message: string;
  action: string | null;
}
