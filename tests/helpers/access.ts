import type { AccessGuard } from '../../core/service';

/** A dispatch guard with a fixed role, for tests of the dispatch itself; it counts the admin actions. */
export function fixedGuard(role: 'admin' | 'trainer', signIn: 'passphrase' | 'server' = 'passphrase'): AccessGuard & { actions: number } {
  const guard = {
    actions: 0,
    isAdmin: () => role === 'admin',
    openForFirstPassphrase: () => false,
    signIn: () => signIn,
    adminActed: () => void (guard.actions += 1),
  };
  return guard;
}

export const adminGuard = fixedGuard('admin');
