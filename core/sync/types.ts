import type { SyncProblem, SyncState } from '../api';

// What the contract tells the renderer is written once, in core/api.
export type { ConnectionCheck, SyncProblem, SyncState, SyncStatus } from '../api';

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
  /** Other trainers' pairs claimed for a second answer: copies put in this queue. */
  overlap: number;
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
