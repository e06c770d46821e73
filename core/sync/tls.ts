import type { SyncProblem } from './types';

/** How the link to PostgreSQL is protected, decided from its connection string. */
export interface TlsDecision {
  /** The connection string to use: with `sslmode=verify-full` added when it named no mode. */
  connectionString: string;
  /** The mode in force: 'none' when nothing asks for TLS (a loopback host without sslmode). */
  mode: string;
  /** Set when the password and ratings would cross the network unencrypted or to an unchecked server. */
  warning: Omit<SyncProblem, 'retrying'> | null;
}

/** The machine itself: its traffic never leaves it, so TLS adds nothing there. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return h === '' || h === 'localhost' || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h) || h === '::1' || h.startsWith('/');
}

/**
 * A server off this machine is reached with TLS and a checked certificate and host name unless the
 * connection string says otherwise (node-postgres, like libpq, would otherwise send the password in
 * the clear). `sslmode=disable` or `no-verify` (and `ssl=0`/`ssl=false`) stay possible, for a
 * studio network that cannot have certificates, but earn a warning. A loopback host or a Unix
 * socket keeps working without TLS.
 */
export function decideTls(connectionString: string): TlsDecision {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    // A Unix socket path (`/var/run/postgresql dbname`): local by definition.
    return { connectionString, mode: 'none', warning: null };
  }
  const host = url.searchParams.get('host') ?? decodeURIComponent(url.hostname);
  const ssl = url.searchParams.get('ssl');
  const sslmode = url.searchParams.get('sslmode') ?? (ssl === '0' || ssl === 'false' ? 'disable' : null);
  const local = isLoopbackHost(host);
  if (sslmode === null) {
    if (local || ssl === 'true' || ssl === '1') return { connectionString, mode: local && !ssl ? 'none' : 'verify-full', warning: null };
    url.searchParams.set('sslmode', 'verify-full');
    return { connectionString: url.toString(), mode: 'verify-full', warning: null };
  }
  if (!local && (sslmode === 'disable' || sslmode === 'no-verify')) {
    const what =
      sslmode === 'disable'
        ? `The connection to PostgreSQL at ${host} is not encrypted (sslmode=disable): the password and every rating cross the network in the clear.`
        : `The connection to PostgreSQL at ${host} does not check the server's certificate (sslmode=no-verify): anyone on the network path can pose as the server.`;
    return {
      connectionString,
      mode: sslmode,
      warning: { message: what, action: 'Ask your admin for the server\'s certificate and use sslmode=verify-full (with sslrootcert=<file> for a private CA).' },
    };
  }
  return { connectionString, mode: sslmode, warning: null };
}
