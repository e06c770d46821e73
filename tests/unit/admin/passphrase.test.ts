import { describe, expect, it } from 'vitest';
import { createAdminSession, hashPassphrase, isPassphraseHash, SCRYPT_COST, verifyPassphrase } from '../../../core/admin';

describe('admin passphrase hash', () => {
  it('keeps only an scrypt hash with a random salt and its cost parameters, never the passphrase', async () => {
    const passphrase = 'correct horse battery staple';
    const [one, two] = await Promise.all([hashPassphrase(passphrase), hashPassphrase(passphrase)]);
    expect(one).toMatchObject({ algorithm: 'scrypt', N: SCRYPT_COST.N, r: SCRYPT_COST.r, p: SCRYPT_COST.p });
    expect(isPassphraseHash(one)).toBe(true);
    expect(JSON.stringify(one)).not.toContain(passphrase);
    expect(one.salt).not.toBe(two.salt);
    expect(one.hash).not.toBe(two.hash);
    expect(Buffer.from(one.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(one.hash, 'base64')).toHaveLength(32);
  });

  it('verifies the right passphrase only, with the parameters stored in the hash', async () => {
    const stored = await hashPassphrase('the studio admin passphrase');
    expect(await verifyPassphrase('the studio admin passphrase', stored)).toBe(true);
    expect(await verifyPassphrase('the studio admin passphrasE', stored)).toBe(false);
    expect(await verifyPassphrase('', stored)).toBe(false);
    // A hash made with other (older, cheaper) parameters is checked with those.
    const cheaper = { ...stored, N: 2 ** 10 };
    expect(await verifyPassphrase('the studio admin passphrase', cheaper)).toBe(false);
  });

  it('refuses a stored value that is not a hash it made', () => {
    expect(isPassphraseHash(null)).toBe(false);
    expect(isPassphraseHash('the passphrase in clear')).toBe(false);
    expect(isPassphraseHash({ algorithm: 'scrypt', N: 0, r: 8, p: 1, salt: 'a', hash: 'b' })).toBe(false);
  });
});

describe('admin session', () => {
  it('locks after the idle time on the injected clock, and each admin action restarts it', () => {
    let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
    let idleLocks = 0;
    const session = createAdminSession({ now: () => new Date(clock).toISOString(), idleMs: 10 * 60_000, onIdleLock: () => (idleLocks += 1) });
    expect(session.isAdmin()).toBe(false);
    session.unlock({ name: 'admin', via: 'passphrase' });
    expect(session.locksAt()).toBe('2026-01-05T09:10:00.000Z');
    clock += 9 * 60_000;
    session.touch();
    clock += 9 * 60_000;
    expect(session.isAdmin()).toBe(true);
    clock += 60_000;
    expect(session.isAdmin()).toBe(false);
    expect(session.lockedReason()).toBe('idle');
    expect(idleLocks).toBe(1);
    // A touch after the lock does not reopen it.
    session.touch();
    expect(session.isAdmin()).toBe(false);
    session.unlock({ name: 'lea', via: 'server' });
    expect([session.current(), session.lockedReason()]).toEqual([{ name: 'lea', via: 'server' }, null]);
    session.lock();
    expect([session.isAdmin(), session.lockedReason(), idleLocks]).toEqual([false, null, 1]);
  });
});
