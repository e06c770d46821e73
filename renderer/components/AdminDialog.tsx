import { useState } from 'react';
import { MIN_PASSPHRASE_LENGTH } from '../../core/api';
import { stores, useSession } from '../app';
import { errorText } from '../stores/errorText';
import { Modal } from './Modal';
import { AlertLine } from './Small';

/**
 * "Admin sign-in": the workstation's admin passphrase, or a server login where sync is set up. On a
 * workstation that has no passphrase yet it creates the first one, which signs its creator in.
 */
export function AdminDialog() {
  const access = useSession((s) => s.access);
  const creating = access !== null && !access.passphrase_set && access.sign_in === 'passphrase';
  const server = access?.sign_in === 'server';
  const [login, setLogin] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => stores.ui.getState().closeDialog();

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (passphrase === '') return setError(server ? 'Type your server password (or, while the server cannot be reached, the admin passphrase).' : 'Type the admin passphrase.');
    if (creating && passphrase.length < MIN_PASSPHRASE_LENGTH) return setError(`Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters; a few words are easy to remember.`);
    if (creating && repeat !== passphrase) return setError('The two passphrases differ. Type the same passphrase in both fields.');
    setBusy(true);
    try {
      const session = stores.session.getState();
      if (creating) await session.setAdminPassphrase(passphrase);
      else await session.unlockAdmin(passphrase, server && login.trim() !== '' ? login.trim() : undefined);
      close();
    } catch (failure) {
      setError(errorText(failure));
      setPassphrase('');
    } finally {
      setBusy(false);
    }
  };

  const clearError = () => setError(null);
  return (
    <Modal
      title={creating ? 'Create the admin passphrase' : 'Admin sign-in'}
      onKeyDown={(event) => {
        if (event.key === 'Escape') close();
      }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">
          {creating
            ? 'This workstation has no admin passphrase yet. Whoever sets it up chooses one; afterwards only a signed-in admin can change it.'
            : server
              ? 'Sync is set up: sign in with your server login (a member of latina_admin). While the server cannot be reached, leave the login empty and use the workstation passphrase.'
              : 'Prompts, the model, providers and the learning settings are for admins.'}
        </p>
        {server && !creating && (
          <label className="field">
            <span>Server login</span>
            <input autoFocus value={login} autoComplete="username" onChange={(event) => (setLogin(event.target.value), clearError())} />
          </label>
        )}
        <label className="field">
          <span>{server && !creating ? 'Password' : 'Admin passphrase'}</span>
          <input
            autoFocus={!server || creating}
            type="password"
            value={passphrase}
            autoComplete={creating ? 'new-password' : 'current-password'}
            onChange={(event) => (setPassphrase(event.target.value), clearError())}
          />
        </label>
        {creating && (
          <label className="field">
            <span>Repeat the passphrase</span>
            <input type="password" value={repeat} autoComplete="new-password" onChange={(event) => (setRepeat(event.target.value), clearError())} />
          </label>
        )}
        <AlertLine error={error} />
        <div className="dialog-buttons">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {creating ? 'Create and sign in' : 'Sign in'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
