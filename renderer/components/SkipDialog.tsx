import { stores, useTrain } from '../app';
import { runAction, skipReasonFieldId } from '../keyboard';
import { SKIP_PRESETS } from '../stores/trainLogic';
import { Modal } from './Modal';
import { AlertLine } from './Small';

/** Skip with a reason: 1–4 pick a preset, the field adds words, Enter confirms, Escape cancels. */
export function SkipDialog() {
  const preset = useTrain((s) => s.skipPreset);
  const text = useTrain((s) => s.skipText);
  const error = useTrain((s) => s.skipError);
  const train = stores.train.getState();

  return (
    <Modal title="Skip this pair" className="skip-dialog">
      <div className="skip-presets" role="radiogroup" aria-label="Reason">
        {SKIP_PRESETS.map((label, index) => (
          <button
            key={label}
            type="button"
            role="radio"
            aria-checked={preset === index}
            tabIndex={-1}
            onClick={() => runAction({ type: 'skipPreset', index }, stores)}
          >
            <kbd aria-hidden="true">{index + 1}</kbd> {label}
          </button>
        ))}
      </div>
      <label className="field">
        <span>Reason in your words (optional unless “Other”)</span>
        <input id={skipReasonFieldId} value={text} maxLength={500} onChange={(event) => train.setSkipText(event.target.value)} />
      </label>
      <AlertLine error={error} />
      <div className="dialog-buttons">
        <button type="button" onClick={() => runAction({ type: 'closeDialog' }, stores)}>
          Cancel <kbd aria-hidden="true">Esc</kbd>
        </button>
        <button type="button" className="primary" onClick={() => runAction({ type: 'confirmSkip' }, stores)}>
          Skip pair <kbd aria-hidden="true">Enter</kbd>
        </button>
      </div>
    </Modal>
  );
}
