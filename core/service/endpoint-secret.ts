import { checkEndpoint, chooseSecret, HTTP_API } from '../endpoints';
import type { SecretStore } from './secrets';

/**
 * Moves a provider's stored key along with its address, by the rules every secret follows
 * (core/endpoints): the new address is checked, and the key is dropped when the scheme, host or
 * port changed, unless a key is given for the new address at the same time. `key`: undefined
 * keeps, null or an empty string clears.
 */
export function updateEndpointSecret(secrets: SecretStore, name: string, field: string, previousUrl: string | null, nextUrl: string, key: string | null | undefined): void {
  checkEndpoint(nextUrl, { ...HTTP_API, field, secretName: 'API key' });
  const entered = key === undefined ? undefined : (key ?? '').trim();
  const { secret } = chooseSecret({ previousAddress: previousUrl, nextAddress: nextUrl, entered, stored: secrets.get(name) });
  secrets.set(name, secret);
}
