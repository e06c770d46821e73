import pg from 'pg';
import { classifyPostgresError, decideTls, describeConnection } from '../sync';

export type ServerAdminCheck =
  | { result: 'admin'; login: string }
  | { result: 'not_admin'; login: string }
  | { result: 'wrong_login'; login: string }
  | { result: 'unreachable'; message: string }
  /** Reached, but the check failed for another reason (no such database, …). */
  | { result: 'failed'; message: string; action: string | null };

/** The sync's connection string with the admin's own login and password in place of the trainer's. */
export function withLogin(connectionString: string, login: string, password: string): string {
  const url = new URL(connectionString);
  url.username = encodeURIComponent(login);
  url.password = encodeURIComponent(password);
  return url.toString();
}

/**
 * Asks the sync's PostgreSQL server, logged in with the admin's own credentials, whether that
 * login is a member of `latina_admin` (server/migrations/0010-roles.sql). The server decides who
 * is an admin, so a trainer's workstation cannot make itself one. One connection, closed at once.
 */
export async function checkServerAdmin(connectionString: string, login: string, password: string, timeoutMs = 5_000): Promise<ServerAdminCheck> {
  const address = decideTls(withLogin(connectionString, login, password)).connectionString;
  const client = new pg.Client({ connectionString: address, connectionTimeoutMillis: timeoutMs, application_name: 'latina-workstation-admin' });
  // A dropped connection after the answer must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ member: boolean }>("SELECT pg_has_role(current_user, 'latina_admin', 'MEMBER') AS member");
    return { result: rows[0]?.member ? 'admin' : 'not_admin', login };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === '28P01' || code === '28000') return { result: 'wrong_login', login };
    const problem = classifyPostgresError(error, describeConnection(address));
    if (problem.kind === 'offline') return { result: 'unreachable', message: problem.message };
    return { result: 'failed', message: problem.message, action: problem.action ?? null };
  } finally {
    await client.end().catch(() => undefined);
  }
}
