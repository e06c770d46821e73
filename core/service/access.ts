import { ApiError, CALL_ACCESS, SETTING_ACCESS, type CallName, type Settings } from '../api';

/** What the dispatch needs to know about who sits at the workstation. */
export interface AccessGuard {
  isAdmin(): boolean;
  /** Whether a first admin passphrase may still be created without an admin (no passphrase yet, no server roles). */
  openForFirstPassphrase(): boolean;
  /** How an admin signs in here, for the refusal's advice. */
  signIn(): 'passphrase' | 'server';
  /** An admin action happened: the idle lock starts again. */
  adminActed(): void;
}

const HOW_TO_SIGN_IN = {
  passphrase: 'Sign in as an admin (Admin sign-in, with the workstation\'s admin passphrase) and try again.',
  server: 'Sign in as an admin (Admin sign-in, with your server login in latina_admin) and try again.',
} as const;

// What a person does at the rating screen: an admin rating pairs is active, so their session stays
// open. Reads are left out because the app makes them by itself after events.
const RATING_ACTIONS: ReadonlySet<CallName> = new Set(['train.create', 'train.rate', 'train.undo', 'train.skip']);

function adminSettingKeys(patch: Partial<Settings>): string[] {
  return (Object.keys(patch) as (keyof Settings)[]).filter((key) => patch[key] !== undefined && SETTING_ACCESS[key] === 'admin');
}

/** What an admin-only call asks for, in words; null when anyone may make it with this input. */
function adminNeed(name: CallName, input: unknown): string | null {
  const access = CALL_ACCESS[name];
  if (typeof access === 'object') return access.admin;
  if (access === 'settings') {
    const keys = adminSettingKeys(input as Partial<Settings>);
    return keys.length > 0 ? `change ${keys.join(', ')} (trainers may change only their rater id and mode)` : null;
  }
  if (access === 'admin_once_set') return 'change the admin passphrase';
  return null;
}

/**
 * Refuses an admin-only call from a trainer with a `forbidden` error that says how to sign in,
 * and restarts an admin's idle time on each admin action or rating. Runs after the input is validated, so
 * a settings patch is judged by the keys it really changes.
 */
export function checkAccess(guard: AccessGuard, name: CallName, input: unknown): void {
  if (CALL_ACCESS[name] === 'admin_once_set' && guard.openForFirstPassphrase()) return;
  const need = adminNeed(name, input);
  if (need === null) {
    if (RATING_ACTIONS.has(name) && guard.isAdmin()) guard.adminActed();
    return;
  }
  if (!guard.isAdmin()) throw new ApiError('forbidden', `Only an admin can ${need}. ${HOW_TO_SIGN_IN[guard.signIn()]}`);
  guard.adminActed();
}
