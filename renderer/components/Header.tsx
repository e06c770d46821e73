import { MODES, type Mode } from '../../core/api';
import { stores, useSession, useUi } from '../app';
import { errorText } from '../stores/errorText';
import { selectMode, selectRaterId } from '../stores/sessionStore';
import { Options } from './Small';
import { SyncIndicator } from './SyncIndicator';

export function Header() {
  const page = useUi((s) => s.page);
  const mode = useSession(selectMode);
  const raterId = useSession(selectRaterId);
  const hasSettings = useSession((s) => s.settings !== null);
  const ui = stores.ui.getState();

  const changeMode = (event: React.ChangeEvent<HTMLSelectElement>) => {
    const next = event.target.value as Mode;
    // Hand the keyboard back to rating at once; a focused select would swallow the shortcuts.
    event.target.blur();
    void stores.session
      .getState()
      .setMode(next)
      .then(() => stores.status.getState().refresh(next))
      .catch((error: unknown) => stores.train.getState().showError(errorText(error)));
  };

  return (
    <header className="header">
      <span className="brand">Latina</span>
      <nav className="nav" aria-label="Pages">
        <button type="button" aria-current={page === 'train' ? 'page' : undefined} onClick={() => ui.setPage('train')}>
          Train
        </button>
        <button type="button" aria-current={page === 'history' ? 'page' : undefined} onClick={() => ui.setPage('history')}>
          History
        </button>
        <button type="button" aria-current={page === 'prompts' ? 'page' : undefined} onClick={() => ui.setPage('prompts')}>
          Prompts
        </button>
        <button type="button" aria-current={page === 'model' ? 'page' : undefined} onClick={() => ui.setPage('model')}>
          Model
        </button>
        <button type="button" aria-current={page === 'providers' ? 'page' : undefined} onClick={() => ui.setPage('providers')}>
          Providers
        </button>
      </nav>
      {/* Only where it matters: History has its own "Mode" filter, and two would be confusing. */}
      {page === 'train' && (
        <label className="field-inline">
          <span>Mode</span>
          <select value={mode} onChange={changeMode} disabled={!hasSettings}>
            <Options values={MODES} />
          </select>
        </label>
      )}
      <span className="spacer" />
      {raterId !== null && (
        <span className="rater">
          Rating as <strong>{raterId}</strong>
          <button type="button" className="link" onClick={() => ui.openDialog('rater')}>
            Change rater
          </button>
        </span>
      )}
      <SyncIndicator />
      <button type="button" className="ghost" onClick={() => ui.openDialog('help')} aria-keyshortcuts="?">
        Keyboard shortcuts <kbd aria-hidden="true">?</kbd>
      </button>
    </header>
  );
}
