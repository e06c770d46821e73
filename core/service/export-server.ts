import type { ExportSourceOpener, PromptLookup } from '../export';
import type { Store } from '../store';
import { describeConnection, serverExportSource, type SyncConfig } from '../sync';
import type { SecretStore } from './secrets';
import { syncConfigOf } from './sync';

/** What a workstation's sync settings lack for a server export, which reads both PostgreSQL and S3. */
export type ServerExportGap = 'sync_not_set_up' | 'postgres_not_set_up' | 's3_not_set_up';

export function serverExportGap(config: SyncConfig): ServerExportGap | null {
  if (!config.postgres && !config.s3) return 'sync_not_set_up';
  if (!config.postgres) return 'postgres_not_set_up';
  if (!config.s3) return 's3_not_set_up';
  return null;
}

export type ServerExport =
  | { gap: ServerExportGap }
  | {
      gap: null;
      /** The sync settings with their secrets, as the export connects with them. */
      config: SyncConfig;
      opener: ExportSourceOpener;
      /** The server, named for a person: database, host, login and bucket. */
      where: string;
    };

/**
 * The whole team's data as a workstation reaches it: its own sync settings and secrets (the
 * PostgreSQL login and bucket its sync uses), leaving out the raters its admins excluded. The app's
 * Export page and `npm run export -- --source server` both build the server export here; each
 * words a gap its own way.
 */
export function serverExportOf(store: Store, secrets: SecretStore, prompts: PromptLookup): ServerExport {
  const config = syncConfigOf(store, secrets);
  const gap = serverExportGap(config);
  if (gap !== null) return { gap };
  const excludedRaters = store.settings.get('excluded_raters') ?? [];
  const who = describeConnection(config.postgres!.connectionString);
  return {
    gap: null,
    config,
    opener: serverExportSource({ config, excludedRaters, prompts }),
    where: `the server (${who.database} at ${who.host} as ${who.user}, bucket ${config.s3!.bucket})`,
  };
}
