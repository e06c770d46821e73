import { stores, useKeys, useSession, useUi } from '../app';
import { keyName } from '../keymapCustom';
import { selectIsAdmin, selectRaterId } from '../stores/sessionStore';
import { isAdminPage, type Page } from '../keymap';
import { AdminMarker } from './AdminMarker';
import { ModeSwitch } from './ModeSwitch';
import { SyncIndicator } from './SyncIndicator';

/** The pages with the key that opens each (keymap.ts binds the same keys; T is the tie on Train itself). */
const PAGES: readonly { page: Page; label: string; key: string }[] = [
  { page: 'train', label: 'Train', key: 'T' },
  { page: 'history', label: 'History', key: 'H' },
  { page: 'prompts', label: 'Prompts', key: 'P' },
  { page: 'model', label: 'Model', key: 'M' },
  { page: 'providers', label: 'Providers', key: 'O' },
];

export function Header() {
  const page = useUi((s) => s.page);
  const raterId = useSession(selectRaterId);
  const admin = useSession(selectIsAdmin);
  const ui = stores.ui.getState();
  const keymap = useKeys((s) => s.keymap);
  // A page's binding has the page's name as its id; shown is the key in force, remapped or not.
  const keyOf = (target: Page, key: string) => {
    const bound = keymap.find((b) => b.id === target)?.keys[0];
    return bound === undefined ? key : keyName(bound);
  };

  return (
    <header className="header">
      <span className="brand">Latina</span>
      <nav className="nav" aria-label="Pages">
        {PAGES.filter(({ page: target }) => admin || !isAdminPage(target)).map(({ page: target, label, key }) => (
          <button
            key={target}
            type="button"
            aria-current={page === target ? 'page' : undefined}
            aria-keyshortcuts={keyOf(target, key)}
            onClick={() => ui.setPage(target)}
          >
            {label} <kbd aria-hidden="true">{keyOf(target, key)}</kbd>
          </button>
        ))}
      </nav>
      {/* Only where it matters: History has its own "Mode" filter, and two would be confusing. */}
      {page === 'train' && <ModeSwitch />}
      <span className="spacer" />
      {raterId !== null && (
        <button type="button" className="link rater" title="Change rater" onClick={() => ui.openDialog('rater')}>
          <span className="wide-only">Rating as </span>
          <strong>{raterId}</strong>
          <span className="wide-only"> · Change rater</span>
        </button>
      )}
      <AdminMarker />
      <SyncIndicator />
      <button type="button" className="ghost" onClick={() => ui.openDialog('help')} aria-keyshortcuts="?" aria-label="Keyboard shortcuts" title="Keyboard shortcuts">
        <span className="wide-only">Keyboard shortcuts </span>
        <kbd aria-hidden="true">?</kbd>
      </button>
    </header>
  );
}
