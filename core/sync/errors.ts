/**
 * Why a sync attempt stopped, sorted by what the worker does next:
 *  - offline: the server cannot be reached; a normal state, retried with backoff;
 *  - transient: the server answered but failed (S3 500/503, PostgreSQL restarting); retried;
 *  - fatal: only a person can fix it (wrong password, schema mismatch, missing bucket); the worker
 *    stops retrying until the settings change or someone presses "Sync now", so a bad password
 *    never turns into a storm of failed logins.
 */
export type FailureKind = 'offline' | 'transient' | 'fatal';

export class SyncError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly action: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

const KEPT_LOCALLY = 'Ratings stay safe on this workstation and ship by themselves when the server is back.';

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ENOTFOUND',
  'EAI_AGAIN', 'EPIPE', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET',
]);

interface ErrorLike {
  code?: unknown;
  errno?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  $metadata?: { httpStatusCode?: number };
  Code?: unknown;
}

/** The Node network error code anywhere in the chain (AggregateError from dual-stack connects too). */
function networkCode(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== 'object' || depth > 4) return null;
  const e = error as ErrorLike;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const found = networkCode(inner, depth + 1);
      if (found) return found;
    }
  }
  return networkCode(e.cause, depth + 1);
}

/** Sorts a PostgreSQL or network error; `who` names the server and user for the message. */
export function classifyPostgresError(error: unknown, who: { user: string; host: string; database: string }): SyncError {
  if (error instanceof SyncError) return error;
  const e = (error ?? {}) as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : '';
  const text = typeof e.message === 'string' ? e.message : String(error);
  const place = `PostgreSQL at ${who.host}`;
  if (networkCode(error) || /Connection terminated|connection timeout|timeout expired|Client has encountered a connection error/i.test(text)) {
    return new SyncError('offline', `${place} cannot be reached (${networkCode(error) ?? text}).`, KEPT_LOCALLY);
  }
  if (code === '28P01') {
    return new SyncError(
      'fatal',
      `Wrong PostgreSQL password for user ${who.user}.`,
      'Fix it in Settings → Sync, then press "Sync now". The sync will not retry until then.',
    );
  }
  if (code === '28000') {
    return new SyncError(
      'fatal',
      `${place} does not let user ${who.user} log in (${text}).`,
      'Ask your admin to create the login with CREATE ROLE … LOGIN IN ROLE latina_trainer and to allow it in pg_hba.conf.',
    );
  }
  if (code === '3D000') {
    return new SyncError('fatal', `${place} has no database named ${who.database}.`, 'Check the database name in Settings → Sync.');
  }
  if (code === '42501') {
    return new SyncError(
      'fatal',
      `User ${who.user} is not allowed to do this on ${place}: ${text}.`,
      `Ask your admin to run: GRANT latina_trainer TO ${who.user};`,
    );
  }
  if (code.startsWith('57P') || code.startsWith('08')) {
    return new SyncError('offline', `${place} is shutting down or restarting (${text}).`, KEPT_LOCALLY);
  }
  if (['53300', '53400', '40001', '40P01', '55P03', '57014'].includes(code) || code.startsWith('53')) {
    return new SyncError('transient', `${place} is busy (${text}).`, 'The sync retries by itself.');
  }
  if (code === '42P01' || code === '42703' || code === '42883') {
    return new SyncError(
      'fatal',
      `${place} does not have the tables this app expects (${text}).`,
      'Ask your admin to run "npm run db:migrate -- <connection string>" on the server.',
    );
  }
  if (/SSL|self.signed|certificate/i.test(text)) {
    return new SyncError('fatal', `${place}: secure connection failed (${text}).`, 'Check the sslmode in the connection string in Settings → Sync.');
  }
  return new SyncError(
    'fatal',
    `${place} refused the sync: ${text}${code ? ` (SQLSTATE ${code})` : ''}.`,
    'Nothing was lost: the rows stay in this workstation\'s outbox. Send this message to your admin.',
  );
}

/** Sorts an error from the AWS SDK (or the network under it) talking to the bucket. */
export function classifyS3Error(error: unknown, where: { bucket: string; endpoint: string }): SyncError {
  if (error instanceof SyncError) return error;
  const e = (error ?? {}) as ErrorLike;
  const name = typeof e.name === 'string' ? e.name : '';
  const status = e.$metadata?.httpStatusCode ?? 0;
  const text = typeof e.message === 'string' && e.message ? e.message : name || String(error);
  const place = `S3 bucket ${where.bucket} at ${where.endpoint}`;
  if (networkCode(error) || name === 'TimeoutError' || name === 'RequestTimeout' || name === 'NetworkingError') {
    return new SyncError('offline', `${place} cannot be reached (${networkCode(error) ?? name}).`, KEPT_LOCALLY);
  }
  if (status >= 500 || status === 429 || ['SlowDown', 'InternalError', 'ServiceUnavailable', 'RequestTimeTooSkewed'].includes(name)) {
    return new SyncError('transient', `${place} answered ${status || name} (${text}).`, 'The sync retries by itself.');
  }
  if (name === 'NoSuchBucket') {
    return new SyncError('fatal', `${place} does not exist.`, 'Check the bucket name and endpoint in Settings → Sync.');
  }
  if (status === 403 || ['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied'].includes(name)) {
    return new SyncError(
      'fatal',
      `${place} refused the access key (${name || status}).`,
      'Fix the access key and secret in Settings → Sync, then press "Sync now". The sync will not retry until then.',
    );
  }
  return new SyncError('fatal', `${place} refused the sync: ${text} (${name || status}).`, 'Send this message to your admin.');
}

/**
 * A refusal of one row by the server, for good: retrying the same row cannot succeed, and the rows
 * after it must not wait on it. Thrown by the shipping code itself for a row it cannot send.
 */
export class RowRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RowRefused';
  }
}

/**
 * Why PostgreSQL refused this one row, or null when the error is not about the row (network, a
 * busy server, a login without grants) and the whole batch must wait and retry instead.
 *  - class 22, data exceptions: text it cannot store (a NUL), a malformed timestamp, a name too long;
 *  - class 23, integrity: a check or foreign key the row breaks;
 *  - 42501 raised by the server's own rules (PL/pgSQL), e.g. a rater id owned by another login;
 *    a 42501 from a missing grant is the login's problem, not the row's, and stays fatal.
 */
export function rowRefusal(error: unknown): string | null {
  if (error instanceof RowRefused) return error.message;
  const e = (error ?? {}) as { code?: unknown; message?: unknown; routine?: unknown; hint?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const text = typeof e.message === 'string' ? e.message : String(error);
  const hint = typeof e.hint === 'string' && e.hint ? ` ${e.hint}` : '';
  if (code.startsWith('22') || code.startsWith('23') || (code === '42501' && e.routine === 'exec_stmt_raise')) {
    return `${text} (SQLSTATE ${code}).${hint}`;
  }
  return null;
}
