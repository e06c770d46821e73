/** An admin session locks by itself after this long without an admin action. */
export const ADMIN_IDLE_LOCK_MS = 30 * 60_000;

export interface AdminIdentity {
  name: string;
  via: 'passphrase' | 'server';
}

/**
 * Whether an admin is signed in at this workstation. The idle lock is read on the injected clock
 * when asked, so no timer runs and tests move time instead of waiting.
 */
export function createAdminSession(options: { now: () => string; idleMs?: number; onIdleLock?: () => void }) {
  const idleMs = options.idleMs ?? ADMIN_IDLE_LOCK_MS;
  let admin: AdminIdentity | null = null;
  let lastActionAt = 0;
  let lockedReason: 'idle' | null = null;
  const nowMs = () => Date.parse(options.now());

  /** Locks a session idle for too long; says whether an admin is still signed in. */
  function current(): AdminIdentity | null {
    if (admin && nowMs() - lastActionAt >= idleMs) {
      admin = null;
      lockedReason = 'idle';
      options.onIdleLock?.();
    }
    return admin;
  }

  return {
    current,
    isAdmin: () => current() !== null,
    /** When the session locks unless an admin action comes first. */
    locksAt: (): string | null => (current() ? new Date(lastActionAt + idleMs).toISOString() : null),
    lockedReason: () => lockedReason,
    unlock(identity: AdminIdentity): void {
      admin = identity;
      lockedReason = null;
      lastActionAt = nowMs();
    },
    /** An admin action: the idle time starts again. */
    touch(): void {
      if (current()) lastActionAt = nowMs();
    },
    lock(): void {
      admin = null;
      lockedReason = null;
    },
  };
}
export type AdminSession = ReturnType<typeof createAdminSession>;
