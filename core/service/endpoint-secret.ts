import { ApiError } from '../api';
import type { SecretStore } from './secrets';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Scheme, host and port: what a stored key was given for. */
function origin(url: string): string {
  return new URL(url).origin.toLowerCase();
}

/** Refuses an address a key must not be sent to: plain http off this machine, or a secret in the URL. */
export function checkSecretEndpoint(what: string, url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ApiError('invalid_input', `${what}: "${url}" is not a URL. Give the full address, e.g. https://api.example.com/v1.`);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.test(parsed.hostname))) {
    throw new ApiError('invalid_input', `${what}: the address must use https:// (plain http:// only for a server on this machine, such as 127.0.0.1), so the key is not sent in clear text.`);
  }
  if (parsed.username || parsed.password || parsed.search) {
    throw new ApiError('invalid_input', `${what}: remove the user name, password or query from the address; enter the key in its own field, where it is stored in the keychain.`);
  }
}

/**
 * Moves a stored key along with its endpoint: checks the new address, and drops the key when the
 * scheme, host or port changed, unless a key is given for the new address at the same time (a key
 * must never be sent to a server it was not entered for). `key`: undefined keeps, null clears.
 */
export function updateEndpointSecret(secrets: SecretStore, name: string, what: string, previousUrl: string | null, nextUrl: string, key: string | null | undefined): void {
  checkSecretEndpoint(what, nextUrl);
  if (key !== undefined) secrets.set(name, key === null || key.trim() === '' ? null : key.trim());
  else if (previousUrl !== null && origin(previousUrl) !== origin(nextUrl)) secrets.set(name, null);
}
