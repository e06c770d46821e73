import { ApiError } from '../api';

// The rules for an address a password or key is sent to. They live in one place because every
// remote service the app talks to with a secret (the LLM, PostgreSQL, S3, the image providers)
// must follow the same ones:
//   - a stored secret was entered for one server: when the scheme, host or port change, it is
//     dropped unless it is entered again, so a changed address never receives the old secret;
//   - a secret crosses the network only encrypted: plain schemes are for this computer only;
//   - a secret never sits in the address itself, where it would be stored, shown and logged.

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'postgres:': '5432', 'postgresql:': '5432' };
const SCHEME_ALIASES: Record<string, string> = { 'postgresql:': 'postgres:' };

const SECRET_PARAMETERS = new Set([
  'key', 'apikey', 'api_key', 'api-key', 'x-api-key', 'access_key', 'secret_key', 'pass', 'pwd', 'auth', 'authorization',
  'sig', 'signature', 'x-amz-signature', 'x-amz-credential', 'credential', 'credentials',
]);
const SECRET_PARAMETER_PARTS = ['password', 'secret', 'token'];

export interface EndpointRules {
  /** The field the address was entered in, named in messages (`base_url`, `postgres.connection_string`). */
  field: string;
  /** What the secret is called in messages: `API key`, `password`, `secret access key`. */
  secretName: string;
  /** Schemes that encrypt and are allowed for any host. */
  secureSchemes: readonly string[];
  /** Schemes without encryption, allowed only for loopback hosts. */
  loopbackSchemes: readonly string[];
  /** Whether the address may name a user (PostgreSQL does); a password in it is refused either way unless `passwordInAddress`. */
  userAllowed?: boolean;
  /** Whether a password written in the address is tolerated because the caller moves it to the secret store at once. */
  passwordInAddress?: boolean;
}

/** The rules of a web API: https anywhere, http on this computer only. */
export const HTTP_API: Omit<EndpointRules, 'field' | 'secretName'> = { secureSchemes: ['https:'], loopbackSchemes: ['http:'] };

/** True for this computer: `localhost`, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Query parameters whose name says they carry a secret. */
export function secretParameters(url: URL): string[] {
  return [...url.searchParams.keys()].filter((name) => {
    const lower = name.toLowerCase();
    return SECRET_PARAMETERS.has(lower) || SECRET_PARAMETER_PARTS.some((part) => lower.includes(part));
  });
}

/** The address with every secret-carrying query parameter removed: what may be shown or logged. */
export function withoutSecretParameters(address: string): string {
  try {
    const url = new URL(address);
    const secrets = secretParameters(url);
    if (!secrets.length) return address;
    for (const name of secrets) url.searchParams.delete(name);
    return url.toString();
  } catch {
    return address;
  }
}

/** `scheme://host:port` with the scheme's default port written out: what identifies the server a secret is for. */
export function endpointOrigin(address: string): string | null {
  try {
    const url = new URL(address);
    const scheme = SCHEME_ALIASES[url.protocol] ?? url.protocol;
    return `${scheme}//${url.hostname.toLowerCase()}:${url.port || DEFAULT_PORTS[url.protocol] || ''}`;
  } catch {
    return null;
  }
}

/** Whether two addresses name the same server (scheme, host and port); an unparsable one never does. */
export function sameEndpoint(a: string | null, b: string | null): boolean {
  const [x, y] = [a === null ? null : endpointOrigin(a), b === null ? null : endpointOrigin(b)];
  return x !== null && x === y;
}

/**
 * Checks an address a secret will be sent to and returns it parsed; refuses it with an
 * `invalid_input` that names the field and says what to change.
 */
export function checkEndpoint(address: string, rules: EndpointRules): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new ApiError('invalid_input', `${rules.field}: "${address}" is not an address; write it in full, e.g. ${rules.secureSchemes[0]}//server.example.com.`);
  }
  const schemes = [...rules.secureSchemes, ...rules.loopbackSchemes];
  if (!schemes.includes(url.protocol)) {
    throw new ApiError('invalid_input', `${rules.field}: the address must start with ${schemes.map((s) => `${s}//`).join(' or ')}.`);
  }
  if (!rules.secureSchemes.includes(url.protocol) && !isLoopbackHost(url.hostname)) {
    throw new ApiError(
      'invalid_input',
      `${rules.field}: use ${rules.secureSchemes[0]}// for ${url.hostname}: the ${rules.secretName} would cross the network unencrypted. Plain ${url.protocol}// is allowed only for this computer (localhost, 127.0.0.1, ::1).`,
    );
  }
  if ((url.username && !rules.userAllowed) || (url.password && !rules.passwordInAddress)) {
    throw new ApiError('invalid_input', `${rules.field}: remove the user name and password from the address; enter the ${rules.secretName} in its own field, which keeps it out of the settings.`);
  }
  const secrets = secretParameters(url);
  if (secrets.length) {
    throw new ApiError('invalid_input', `${rules.field}: remove ${secrets.map((name) => `"${name}"`).join(', ')} from the address; enter the ${rules.secretName} in its own field, which keeps it out of the settings.`);
  }
  return url;
}

export interface SecretChoice {
  /** The secret to store from now on; null removes the stored one. */
  secret: string | null;
  /** True when a stored secret was dropped because the address changed and none was entered. */
  dropped: boolean;
}

/**
 * What to store after an address is (re)configured: the secret entered now (an empty string
 * removes it); without one, the stored secret only if the address still names the same server.
 */
export function chooseSecret(options: { previousAddress: string | null; nextAddress: string; entered: string | undefined; stored: string | null }): SecretChoice {
  if (options.entered !== undefined) return { secret: options.entered === '' ? null : options.entered, dropped: false };
  if (options.stored === null) return { secret: null, dropped: false };
  if (sameEndpoint(options.previousAddress, options.nextAddress)) return { secret: options.stored, dropped: false };
  return { secret: null, dropped: true };
}
