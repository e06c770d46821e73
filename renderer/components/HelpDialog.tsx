import { stores, useKeys } from '../app';
import { SCOPE_TITLES, type Scope } from '../keymap';
import { Modal } from './Modal';

const SCOPE_ORDER = Object.keys(SCOPE_TITLES) as Scope[];

/** Every binding of the keymap, grouped where it applies: the table the keyboard really uses. */
export function HelpDialog() {
  const keymap = useKeys((s) => s.keymap);
  return (
    <Modal title="Keyboard shortcuts" className="help-dialog">
      <div className="help-grid">
        {SCOPE_ORDER.map((scope) => {
          const bindings = keymap.filter((b) => b.scopes[0] === scope);
          if (bindings.length === 0) return null;
          return (
            <section key={scope} aria-label={SCOPE_TITLES[scope]}>
              <h3>{SCOPE_TITLES[scope]}</h3>
              <table>
                <tbody>
                  {bindings.map((b) => (
                    <tr key={`${b.label}-${b.description}`}>
                      <th scope="row">
                        <kbd>{b.label}</kbd>
                      </th>
                      <td>{b.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          );
        })}
      </div>
      <p className="muted">
        Ctrl/⌘+V pastes a render to enhance; dropping a file works too. While typing in a field, only Escape (and
        Ctrl/⌘+Enter to submit) are shortcuts.
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={() => stores.ui.getState().openDialog('keys')}>
          Change keys <kbd aria-hidden="true">E</kbd>
        </button>
        <button type="button" onClick={() => stores.ui.getState().closeDialog()}>
          Close <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </Modal>
  );
}
