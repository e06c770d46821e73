import { startPostgres, type TestPostgres } from '../../helpers/pg';
import { startS3, type TestS3 } from '../../helpers/s3';
import { tempDir } from '../../helpers/temp';
import type { SyncConfig } from '../../../core/sync';

export interface Servers {
  pg: TestPostgres;
  s3: TestS3;
  temp: { path: string; remove(): void };
  close(): Promise<void>;
}

/** PostgreSQL and S3 for one test file; `close` stops both even when starting one failed. */
export async function startServers(): Promise<Servers> {
  const temp = tempDir('latina-sync-');
  const started = await Promise.allSettled([startPostgres(), startS3()]);
  const [pg, s3] = started;
  const close = async () => {
    await Promise.allSettled([
      pg.status === 'fulfilled' ? pg.value.close() : undefined,
      s3.status === 'fulfilled' ? s3.value.close() : undefined,
    ]);
    temp.remove();
  };
  if (pg.status === 'rejected' || s3.status === 'rejected') {
    await close();
    throw (pg.status === 'rejected' ? pg.reason : (s3 as PromiseRejectedResult).reason) as Error;
  }
  return { pg: pg.value, s3: s3.value, temp, close };
}

export interface Site {
  database: string;
  bucket: string;
  trainer: { user: string; password: string };
  /** A trainer's settings: PostgreSQL with the trainer login, and the bucket. */
  config: SyncConfig;
}

/** A fresh, migrated database, a trainer login and an empty bucket: one studio. */
export async function createSite(servers: Servers, options: { target?: number; s3Endpoint?: string } = {}): Promise<Site> {
  const database = await servers.pg.createDatabase({ target: options.target });
  const trainer = await servers.pg.createLogin('latina_trainer');
  const bucket = await servers.s3.createBucket();
  return {
    database,
    bucket,
    trainer,
    config: {
      postgres: { connectionString: servers.pg.url(database, trainer.user, trainer.password), connectTimeoutMs: 2000 },
      s3: servers.s3.config(bucket, options.s3Endpoint),
    },
  };
}

let dirs = 0;
export const dataDir = (servers: Servers, name = 'ws') => `${servers.temp.path}/${name}-${++dirs}`;
