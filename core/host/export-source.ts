import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ExportError, type ExportSourceOpener, type PromptLookup } from '../export';
import { syncConfigOf } from '../service';
import { openStore } from '../store';
import { describeConnection, serverExportSource } from '../sync';
import { createFileSecretStore } from './secrets-file';

const SET_UP_SYNC =
  "Set up sync in the app (Settings → Sync) with an admin's PostgreSQL login and the studio's S3 bucket, or export this workstation's own data with --source local.";

/**
 * `--source server`: the whole team's data, read with the data folder's own sync settings (the
 * login and bucket its sync uses, secrets from the browser host's secrets file), leaving out the
 * raters this workstation's admin excluded.
 */
export function serverSourceFor(dataDir: string, prompts: PromptLookup): { opener: ExportSourceOpener; where: string } {
  const dbFile = join(dataDir, 'latina.sqlite');
  if (!existsSync(dbFile)) {
    throw new ExportError('invalid_request', `No workstation database in ${dataDir}, so no sync settings to reach the server with. Point --data-dir at the data folder the app uses.`);
  }
  const store = openStore(dbFile);
  let config;
  let excludedRaters: string[];
  try {
    config = syncConfigOf(store, createFileSecretStore(dataDir));
    excludedRaters = store.settings.get('excluded_raters') ?? [];
  } finally {
    store.close();
  }
  if (!config.postgres || !config.s3) {
    const missing = !config.postgres && !config.s3 ? 'Sync is not set up' : !config.postgres ? 'PostgreSQL is not set up for sync' : 'S3 is not set up for sync';
    throw new ExportError('server_unavailable', `${missing} in ${dataDir}; a server export reads PostgreSQL and S3 with the sync's settings. ${SET_UP_SYNC}`);
  }
  if (!new URL(config.postgres.connectionString).password) {
    throw new ExportError(
      'server_unavailable',
      `No PostgreSQL password is stored in ${dataDir} (the app keeps it in this computer's keychain, which this command cannot read). ` +
        'Start the browser host (npm run serve) with this data folder and enter the password under Settings → Sync, then export again.',
    );
  }
  const who = describeConnection(config.postgres.connectionString);
  return {
    opener: serverExportSource({ config, excludedRaters, prompts }),
    where: `the server (${who.database} at ${who.host} as ${who.user}, bucket ${config.s3.bucket})`,
  };
}
