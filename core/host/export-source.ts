import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ExportError, type ExportSourceOpener, type PromptLookup } from '../export';
import { serverExportOf, type ServerExportGap } from '../service';
import { openStore } from '../store';
import { createFileSecretStore } from './secrets-file';

const SET_UP_SYNC =
  "Set up sync in the app (Settings → Sync) with an admin's PostgreSQL login and the studio's S3 bucket, or export this workstation's own data with --source local.";

const GAP_TEXT: Record<ServerExportGap, string> = {
  sync_not_set_up: 'Sync is not set up',
  postgres_not_set_up: 'PostgreSQL is not set up for sync',
  s3_not_set_up: 'S3 is not set up for sync',
};

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
  let server;
  try {
    server = serverExportOf(store, createFileSecretStore(dataDir), prompts);
  } finally {
    store.close();
  }
  if (server.gap !== null) {
    throw new ExportError('server_unavailable', `${GAP_TEXT[server.gap]} in ${dataDir}; a server export reads PostgreSQL and S3 with the sync's settings. ${SET_UP_SYNC}`);
  }
  if (!new URL(server.config.postgres!.connectionString).password) {
    throw new ExportError(
      'server_unavailable',
      `No PostgreSQL password is stored in ${dataDir} (the app keeps it in this computer's keychain, which this command cannot read). ` +
        'Start the browser host (npm run serve) with this data folder and enter the password under Settings → Sync, then export again.',
    );
  }
  return { opener: server.opener, where: server.where };
}
