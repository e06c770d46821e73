import type { SyncError } from './errors';
import type { PostgresLink } from './postgres';
import type { S3Link } from './s3';
import { decideTls } from './tls';
import type { ConnectionCheck } from './types';

const failed = (error: unknown): ConnectionCheck => {
  const e = error as SyncError;
  return { ok: false, message: e.message, action: e.action ?? null };
};

/** Schema, the right to add ratings, and how the link is protected; ships nothing. */
export async function checkPostgres(link: () => PostgresLink, connectionString: string): Promise<ConnectionCheck> {
  try {
    const pg = link();
    const version = await pg.checkSchema();
    if (!(await pg.canAddRatings())) {
      return {
        ok: false,
        message: `Connected, but user ${pg.who.user} may not add ratings.`,
        action: `Ask your admin to run: GRANT latina_trainer TO ${pg.who.user};`,
      };
    }
    const connected = `Connected as ${pg.who.user}; server schema ${version}.`;
    const warning = decideTls(connectionString).warning;
    return warning ? { ok: true, message: `${connected} ${warning.message}`, action: warning.action } : { ok: true, message: connected, action: null };
  } catch (error) {
    return failed(error);
  }
}

export async function checkS3(link: () => S3Link, bucket: string): Promise<ConnectionCheck> {
  try {
    await link().checkBucket();
    return { ok: true, message: `Bucket ${bucket} is reachable.`, action: null };
  } catch (error) {
    return failed(error);
  }
}
