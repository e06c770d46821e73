import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * How the admin passphrase is kept: only as an scrypt hash with a random salt, never in clear.
 * N = 2^15, r = 8, p = 1 (RFC 7914 §2's memory-hard function; 32 MiB and roughly 0.1 s a try on a
 * laptop, OWASP's 2023 minimum for scrypt is N = 2^17 at r = 8 — we keep 2^15 so a sign-in stays
 * quick on the studio's slow machines, and record the parameters so a later build can raise them).
 */
export const SCRYPT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
// Node's default maxmem (32 MiB) is exactly 128 * N * r; a little headroom for its bookkeeping.
const MAX_MEMORY = 64 * 1024 * 1024;

export interface PassphraseHash {
  algorithm: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}

function derive(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, KEY_LENGTH, { ...cost, maxmem: MAX_MEMORY }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassphrase(passphrase: string): Promise<PassphraseHash> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(passphrase, salt, SCRYPT_COST);
  return { algorithm: 'scrypt', ...SCRYPT_COST, salt: salt.toString('base64'), hash: key.toString('base64') };
}

/** Constant-time comparison, with the parameters the hash was made with. */
export async function verifyPassphrase(passphrase: string, stored: PassphraseHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(passphrase, Buffer.from(stored.salt, 'base64'), { N: stored.N, r: stored.r, p: stored.p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function isPassphraseHash(value: unknown): value is PassphraseHash {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.algorithm === 'scrypt' && [v.N, v.r, v.p].every((n) => Number.isInteger(n) && (n as number) > 0) && typeof v.salt === 'string' && typeof v.hash === 'string';
}
