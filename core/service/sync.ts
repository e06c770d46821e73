import type { CallOutput, CallParsedInput, SyncStatus } from '../api';
import { checkEndpoint, chooseSecret, HTTP_API, withoutSecretParameters, type EndpointRules } from '../endpoints';
import { createSync, type OverlapSettings, type Sync, type SyncConfig, type SyncImages } from '../sync';
import type { Clock } from '../schedule';
import type { Store } from '../store';
import type { SecretStore } from './secrets';

const PG_KEY = 'sync_postgres';
const S3_KEY = 'sync_s3';
const PG_PASSWORD = 'postgres_password';
const S3_SECRET = 's3_secret_access_key';
const SYNC_INTERVAL_MS = 60_000;
/** Where the S3 client goes when no endpoint is given; stands for AWS when comparing endpoints. */
const AWS_S3 = 'https://s3.amazonaws.com';
// TLS for PostgreSQL is chosen by its sslmode, not by the scheme, so both schemes are allowed for any host.
const POSTGRES_RULES: EndpointRules = {
  field: 'postgres.connection_string',
  secretName: 'password',
  secureSchemes: ['postgres:', 'postgresql:'],
  loopbackSchemes: [],
  userAllowed: true,
  passwordInAddress: true,
};
const S3_RULES: EndpointRules = { ...HTTP_API, field: 's3.endpoint', secretName: 'secret access key' };

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

/** The sync settings of a store with their secrets: what the sync connects with, and the server export too. */
export function syncConfigOf(store: Store, secrets: SecretStore): SyncConfig {
  const pg = store.settings.get(PG_KEY);
  const s3 = store.settings.get(S3_KEY);
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
}

export function createSyncSetup(options: {
  store: Store;
  secrets: SecretStore;
  dataDir: string;
  images: SyncImages;
  log: (message: string) => void;
  clock?: Clock;
  onStatus: (status: SyncStatus) => void;
  overlap: () => OverlapSettings;
  onOverlapCopies: (made: number) => void;
}) {
  const { store, secrets } = options;

  const config = (): SyncConfig => syncConfigOf(store, secrets);

  const view = (): CallOutput<'sync.getConfig'> => {
    const pg = store.settings.get(PG_KEY);
    const s3 = store.settings.get(S3_KEY);
    return {
      postgres: pg ? { connection_string: withoutSecretParameters(pg.connection_string), has_password: secrets.get(PG_PASSWORD) !== null } : null,
      s3: s3 ? { ...s3, endpoint: s3.endpoint === null ? null : withoutSecretParameters(s3.endpoint), has_secret: secrets.get(S3_SECRET) !== null } : null,
    };
  };

  const sync: Sync = createSync({
    store,
    dataDir: options.dataDir,
    images: options.images,
    config: config(),
    log: options.log,
    clock: options.clock,
    overlap: options.overlap,
    onOverlapCopies: options.onOverlapCopies,
  });
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
        checkEndpoint(input.postgres.connection_string, POSTGRES_RULES);
        const { redacted, password } = splitPassword(input.postgres.connection_string);
        const previous = store.settings.get(PG_KEY)?.connection_string ?? null;
        const entered = input.postgres.password ?? password ?? undefined;
        const { secret } = chooseSecret({ previousAddress: previous, nextAddress: redacted, entered, stored: secrets.get(PG_PASSWORD) });
        store.settings.set(PG_KEY, { connection_string: redacted });
        secrets.set(PG_PASSWORD, secret);
      } else {
        store.settings.set(PG_KEY, null);
        secrets.set(PG_PASSWORD, null);
      }
      if (input.s3) {
        const { secret_access_key, ...rest } = input.s3;
        if (rest.endpoint !== null) checkEndpoint(rest.endpoint, S3_RULES);
        const previous = store.settings.get(S3_KEY);
        const { secret } = chooseSecret({
          previousAddress: previous ? (previous.endpoint ?? AWS_S3) : null,
          nextAddress: rest.endpoint ?? AWS_S3,
          entered: secret_access_key,
          stored: secrets.get(S3_SECRET),
        });
        store.settings.set(S3_KEY, rest);
        secrets.set(S3_SECRET, secret);
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

  return {
    sync,
    handlers,
    /** The PostgreSQL address without its password, where admins' server logins are checked; null without one. */
    serverAddress: (): string | null => store.settings.get(PG_KEY)?.connection_string ?? null,
  };
}
