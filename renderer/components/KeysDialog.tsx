import { useState } from 'react';
import { stores, useKeys } from '../app';
import { keyName, remappable } from '../keymapCustom';
import { Modal } from './Modal';
import { AlertLine } from './Small';

interface Slot {
  id: string;
  index: number;
}

const slotName = (id: string, index: number, description: string) => (id === 'rate' ? `Key for rating ${index + 1}` : `Key for ${description}`);

/**
 * The key editor: choose an action's key, press the new one. A key that would mean two things where
 * both apply is refused with the reason, and nothing changes. Kept on this computer (keysStore).
 */
export function KeysDialog() {
  const keymap = useKeys((s) => s.keymap);
  const problem = useKeys((s) => s.problem);
  const [listening, setListening] = useState<Slot | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const keys = stores.keys.getState();

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (listening === null) {
      if (event.key === 'Escape') {
        event.preventDefault();
        stores.ui.getState().closeDialog();
      }
      return;
    }
    if (event.key === 'Shift' || event.key === 'Control' || event.key === 'Alt' || event.key === 'Meta') return;
    event.preventDefault();
    event.stopPropagation();
    const slot = listening;
    setListening(null);
    if (event.key === 'Escape') return;
    if (keys.assign(slot.id, slot.index, event.key)) setSaved(`${keyName(event.key)} saved.`);
    else setSaved(null);
  };

  return (
    <Modal title="Change keys" className="keys-dialog" onKeyDown={onKeyDown}>
      <p className="muted">Choose a key, then press the new one (Escape cancels). Saved on this computer for everyone who rates here.</p>
      <table className="keys-table">
        <tbody>
          {remappable(keymap).map((binding) => (
            <tr key={binding.id}>
              <th scope="row">{binding.description}</th>
              <td>
                {binding.keys.map((key, index) => {
                  const mine = listening !== null && listening.id === binding.id && listening.index === index;
                  return (
                    <button
                      key={index}
                      type="button"
                      aria-label={slotName(binding.id!, index, binding.description)}
                      aria-pressed={mine}
                      onClick={() => {
                        setSaved(null);
                        setListening({ id: binding.id!, index });
                      }}
                    >
                      {mine ? 'press a key…' : <kbd>{keyName(key)}</kbd>}
                    </button>
                  );
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AlertLine error={problem} />
      <p className="notice" role="status" aria-label="Keys notice">
        {saved}
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={() => (keys.resetAll(), setSaved('Every key is back to its default.'))}>
          Reset all keys
        </button>
        <button type="button" onClick={() => stores.ui.getState().closeDialog()}>
          Close <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </Modal>
  );
}
