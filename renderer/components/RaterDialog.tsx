import { useState } from 'react';
import { RaterIdSchema } from '../../core/api';
import { stores, useSession } from '../app';
import { errorText } from '../stores/errorText';
import { selectRaterId } from '../stores/sessionStore';
import { Modal } from './Modal';
import { AlertLine } from './Small';

/** "Who is rating?": asked on first start (cannot be dismissed then) and from "Change rater". */
export function RaterDialog({ required }: { required: boolean }) {
  const current = useSession(selectRaterId);
  const [name, setName] = useState(current ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const close = () => stores.ui.getState().closeDialog();

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = RaterIdSchema.safeParse(name);
    // The contract's message names the API field (rated_by); say it in the dialog's own words.
    if (!parsed.success) return setError('Type your name or e-mail (2 to 120 characters).');
    setSaving(true);
    try {
      await stores.session.getState().setRater(parsed.data);
      close();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title="Who is rating?"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !required) close();
      }}
    >
      <form onSubmit={(event) => void save(event)} noValidate>
        <p className="muted">Your ratings are saved under this name, so trainers' ratings can be told apart.</p>
        <label className="field">
          <span>Your name or e-mail</span>
          <input
            autoFocus
            value={name}
            autoComplete="username"
            onChange={(event) => {
              setName(event.target.value);
              setError(null);
            }}
          />
        </label>
        <AlertLine error={error} />
        <div className="dialog-buttons">
          {!required && (
            <button type="button" onClick={close}>
              Cancel
            </button>
          )}
          <button type="submit" className="primary" disabled={saving}>
            Start rating
          </button>
        </div>
      </form>
    </Modal>
  );
}
