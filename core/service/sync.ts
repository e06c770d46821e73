import type { CallOutput, CallParsedInput, SyncStatus } from '../api';
import { createSync, type Sync, type SyncConfig, type SyncImages } from '../sync';
import type { Store } from '../store';
import type { SecretStore } from './secrets';

interface PostgresSettings {
  /** Stored without its password: the password lives in the secret store. */
  connection_string: string;
}
interface S3Settings {
  endpoint: string | null;
  region: string;
  bucket: string;
  force_path_style: boolean;
  access_key_id: string;
}

const PG_KEY = 'sync_postgres';
const S3_KEY = 'sync_s3';
const PG_PASSWORD = 'postgres_password';
const S3_SECRET = 's3_secret_access_key';
const SYNC_INTERVAL_MS = 60_000;

/** Splits `postgres://user:secret@host/db` into the string without the secret, and the secret. */
export function splitPassword(connectionString: string): { redacted: string; password: string | null } {
  const url = new URL(connectionString);
  const password = url.password ? decodeURIComponent(url.password) : null;
  url.password = '';
  return { redacted: url.toString(), password };
}

function withPassword(redacted: string, password: string | null): string {
  if (!password) return redacted;
  const url = new URL(redacted);
  url.password = encodeURIComponent(password);
  return url.toString();
}

export function createSyncSetup(options: {
  store: Store;
  secrets: SecretStore;
  dataDir: string;
  images: SyncImages;
  log: (message: string) => void;
  onStatus: (status: SyncStatus) => void;
}) {
  const { store, secrets } = options;

  const config = (): SyncConfig => {
    const pg = store.settings.get<PostgresSettings>(PG_KEY);
    const s3 = store.settings.get<S3Settings>(S3_KEY);
    return {
      postgres: pg ? { connectionString: withPassword(pg.connection_string, secrets.get(PG_PASSWORD)) } : null,
      s3: s3
        ? {
            endpoint: s3.endpoint,
            region: s3.region,
            bucket: s3.bucket,
            forcePathStyle: s3.force_path_style,
            accessKeyId: s3.access_key_id,
            secretAccessKey: secrets.get(S3_SECRET) ?? '',
          }
        : null,
    };
  };

  const view = (): CallOutput<'sync.getConfig'> => {
    const pg = store.settings.get<PostgresSettings>(PG_KEY);
    const s3 = store.settings.get<S3Settings>(S3_KEY);
    return {
      postgres: pg ? { connection_string: pg.connection_string, has_password: secrets.get(PG_PASSWORD) !== null } : null,
      s3: s3 ? { ...s3, has_secret: secrets.get(S3_SECRET) !== null } : null,
    };
  };

  const sync: Sync = createSync({ store, dataDir: options.dataDir, images: options.images, config: config(), log: options.log });
  sync.onStatus(options.onStatus);
  if (config().postgres || config().s3) sync.start(SYNC_INTERVAL_MS);

  const handlers = {
    'sync.status': (): CallOutput<'sync.status'> => sync.status(),
    async 'sync.now'(): Promise<CallOutput<'sync.now'>> {
      const report = await sync.syncNow();
      const { ratings, experiments, prompt_versions } = report.pulled;
      return { status: sync.status(), shipped: report.shipped, pulled: { ratings, experiments, prompt_versions } };
    },
    'sync.getConfig': view,
    async 'sync.configure'(input: CallParsedInput<'sync.configure'>): Promise<CallOutput<'sync.configure'>> {
      if (input.postgres) {
        const { redacted, password } = splitPassword(input.postgres.connection_string);
        store.settings.set(PG_KEY, { connection_string: redacted });
        const chosen = input.postgres.password ?? password;
        if (chosen !== null) secrets.set(PG_PASSWORD, chosen);
      } else {
        store.settings.set(PG_KEY, null);
        secrets.set(PG_PASSWORD, null);
      }
      if (input.s3) {
        const { secret_access_key, ...rest } = input.s3;
        store.settings.set(S3_KEY, rest);
        if (secret_access_key !== undefined) secrets.set(S3_SECRET, secret_access_key);
      } else {
        store.settings.set(S3_KEY, null);
        secrets.set(S3_SECRET, null);
      }
      await sync.reconfigure(config());
      if (config().postgres || config().s3) sync.start(SYNC_INTERVAL_MS);
      return view();
    },
    'sync.test': (): Promise<CallOutput<'sync.test'>> => sync.testConnection(),
  };

  return { sync, handlers };
}
