import { MODES, type Mode } from '../../core/api';
import { stores, useSession } from '../app';
import { errorText } from '../stores/errorText';
import { selectMode } from '../stores/sessionStore';

/**
 * The rating mode as two buttons. A select here took the arrow keys once clicked (↓ switched the
 * mode with no sign of it); buttons keep none of the rating keys, and each change is one deliberate click.
 */
export function ModeSwitch() {
  const mode = useSession(selectMode);
  const hasSettings = useSession((s) => s.settings !== null);

  const choose = (next: Mode, target: HTMLButtonElement) => {
    target.blur();
    if (next === mode) return;
    void stores.session
      .getState()
      .setMode(next)
      .then(() => {
        void stores.status.getState().refresh(next);
        followMode(next);
      })
      .catch((error: unknown) => stores.train.getState().showError(errorText(error)));
  };

  return (
    <div className="mode-switch" role="radiogroup" aria-label="Mode">
      <span className="muted" aria-hidden="true">
        Mode
      </span>
      {MODES.map((m) => (
        <button
          key={m}
          type="button"
          role="radio"
          tabIndex={-1}
          aria-checked={mode === m}
          disabled={!hasSettings}
          onClick={(event) => choose(m, event.currentTarget)}
        >
          {m}
        </button>
      ))}
    </div>
  );
}

/**
 * The queue keeps pairs per mode. A pair of the old mode that is not rated yet goes back to wait in
 * its queue and one of the new mode comes; one already rated stays, so no rating is lost, and says so.
 */
function followMode(mode: Mode): void {
  const train = stores.train.getState();
  const shown = train.experiment;
  if (shown === null || shown.mode === mode) return;
  if (train.ratings.A === null && train.ratings.B === null) return void train.loadNext();
  train.showNotice(`The pair on screen is a ${shown.mode} pair: submit or skip it, and the next one is ${mode}.`);
}
