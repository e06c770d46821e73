import { ApiError, type CallOutput, type CallParsedInput, type Settings } from '../api';
import { checkServerAdmin, createAdminSession, hashPassphrase, isPassphraseHash, verifyPassphrase, type ServerAdminCheck } from '../admin';
import type { Store } from '../store';
import type { AccessGuard } from './access';

/** Where the scrypt hash of the admin passphrase lives: this workstation's SQLite, never synced or exported. */
const PASSPHRASE_KEY = 'admin_passphrase_hash';

export interface AdminSetupOptions {
  store: Store;
  now: () => string;
  settings: () => Settings;
  /** The sync's PostgreSQL address without its password; null when sync to PostgreSQL is not set up. */
  serverAddress: () => string | null;
  /** Whether the sync last found the server unreachable. */
  serverOffline: () => boolean;
  onChange: (view: CallOutput<'session.status'>) => void;
  idleMs?: number;
  checkServer?: (address: string, login: string, password: string) => Promise<ServerAdminCheck>;
}

const WRONG_PASSPHRASE = "Wrong admin passphrase. Check Caps Lock and the keyboard layout, and try again; if you do not know it, ask the admin who set up this workstation.";

/**
 * The admin role of this workstation: the local passphrase (offline), or the server's
 * `latina_admin` membership where sync is set up. README "Admins" describes the rules.
 */
export function createAdminSetup(options: AdminSetupOptions) {
  const { store } = options;
  const checkServer = options.checkServer ?? checkServerAdmin;
  const session = createAdminSession({ now: options.now, idleMs: options.idleMs, onIdleLock: () => queueMicrotask(() => options.onChange(view())) });
  // Set when a server sign-in found the server unreachable: the passphrase fallback opens until a check reaches it again.
  let serverUnreachable = false;

  const storedHash = () => {
    const stored = store.settings.get(PASSPHRASE_KEY);
    return isPassphraseHash(stored) ? stored : null;
  };
  const signIn = (): 'passphrase' | 'server' => (options.serverAddress() ? 'server' : 'passphrase');

  function view(): CallOutput<'session.status'> {
    const admin = session.current();
    const settings = options.settings();
    return {
      role: admin ? 'admin' : 'trainer',
      admin: admin ? { ...admin, locks_at: session.locksAt()! } : null,
      passphrase_set: storedHash() !== null,
      sign_in: signIn(),
      details_visible: admin !== null && (settings.show_parameters_to_trainers || settings.show_predictions_to_trainers),
      locked_reason: session.lockedReason(),
    };
  }

  const changed = () => {
    const current = view();
    options.onChange(current);
    return current;
  };

  async function unlockWithPassphrase(passphrase: string, fallback: boolean): Promise<void> {
    const hash = storedHash();
    if (!hash) {
      throw new ApiError(
        'conflict',
        fallback
          ? 'The server cannot be reached and this workstation has no admin passphrase to fall back on. Sign in with your server login once the server is back.'
          : 'This workstation has no admin passphrase yet. Create one first: whoever sets up the workstation chooses it.',
      );
    }
    if (!(await verifyPassphrase(passphrase, hash))) throw new ApiError('unauthorized', WRONG_PASSPHRASE);
    session.unlock({ name: 'admin', via: 'passphrase' });
  }

  async function unlockWithServer(address: string, login: string, password: string): Promise<void> {
    const check = await checkServer(address, login, password);
    serverUnreachable = check.result === 'unreachable';
    switch (check.result) {
      case 'admin':
        session.unlock({ name: login, via: 'server' });
        return;
      case 'not_admin':
        throw new ApiError(
          'forbidden',
          `The server knows login ${login}, but it is not an admin there (not in latina_admin). Sign in with an admin login, or ask a server admin to run: GRANT latina_admin TO ${login};`,
        );
      case 'wrong_login':
        throw new ApiError('unauthorized', `The server refused login ${login} with this password. Check the login and password and try again.`);
      case 'unreachable':
        throw new ApiError(
          'unauthorized',
          `${check.message} Your server login cannot be checked now: leave the login empty and sign in with this workstation's admin passphrase instead, or try again when the server is back.`,
        );
      case 'failed':
        throw new ApiError('unauthorized', `Your server login could not be checked: ${check.message}${check.action ? ` ${check.action}` : ''}`);
    }
  }

  const handlers = {
    'session.status': (): CallOutput<'session.status'> => view(),
    async 'session.unlockAdmin'(input: CallParsedInput<'session.unlockAdmin'>): Promise<CallOutput<'session.status'>> {
      const address = options.serverAddress();
      if (address === null) {
        if (input.login !== undefined) {
          throw new ApiError('invalid_input', 'Sync is not set up on this workstation, so there is no server login to check: leave the login empty and type the admin passphrase.');
        }
        await unlockWithPassphrase(input.passphrase, false);
      } else if (input.login !== undefined) {
        await unlockWithServer(address, input.login, input.passphrase);
      } else if (serverUnreachable || options.serverOffline()) {
        await unlockWithPassphrase(input.passphrase, true);
      } else {
        throw new ApiError(
          'invalid_input',
          'Sync is set up on this workstation, so admins sign in with their server login: type your login and its password. The admin passphrase works only while the server cannot be reached.',
        );
      }
      return changed();
    },
    'session.lock': (): CallOutput<'session.status'> => {
      session.lock();
      return changed();
    },
    async 'session.setAdminPassphrase'(input: CallParsedInput<'session.setAdminPassphrase'>): Promise<CallOutput<'session.status'>> {
      const first = storedHash() === null;
      store.settings.set(PASSPHRASE_KEY, await hashPassphrase(input.passphrase));
      // Whoever creates the first passphrase is the admin setting up this workstation.
      if (first && !session.isAdmin()) session.unlock({ name: 'admin', via: 'passphrase' });
      return changed();
    },
  };

  const guard: AccessGuard = {
    isAdmin: () => session.isAdmin(),
    // With server roles, an unset passphrase could otherwise be claimed by a trainer as an offline way in.
    openForFirstPassphrase: () => storedHash() === null && signIn() === 'passphrase',
    signIn,
    adminActed: () => session.touch(),
  };

  return {
    handlers,
    guard,
    /** Whether the rating screen shows details now, as each rating records it. */
    detailsShown: () => view().details_visible,
  };
}
