import { useState } from 'react';
import { stores, useStatus } from '../app';
import { errorText } from '../stores/errorText';
import { bestRatingText, phase1Text } from '../stores/statusStore';
import { AlertLine } from './Small';

type Action = 'stop' | 'resume' | 'auto';

/** For admins: Phase 1's state in the trainer's current mode, and the seed's manual override. */
export function Phase1Controls() {
  const status = useStatus((s) => s.status);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (status === null) return null;
  const { override } = status.phase_1;

  const act = async (phase_1: Action) => {
    setBusy(true);
    setError(null);
    try {
      await stores.api.call('train.override', { mode: status.mode, phase_1 });
      await stores.status.getState().refresh(status.mode);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="phase1-controls" aria-label="Phase 1 control">
      <span className="stat-label">Phase 1 ({status.mode})</span>
      <span>{phase1Text(status)}</span>
      <span className="muted">{bestRatingText(status)}</span>
      <span className="dialog-buttons">
        <button type="button" disabled={busy || override === 'stopped'} onClick={() => void act('stop')}>
          Stop Phase 1
        </button>
        <button type="button" disabled={busy || override === 'resumed'} onClick={() => void act('resume')}>
          Keep Phase 1 running
        </button>
        <button type="button" disabled={busy || override === null} onClick={() => void act('auto')}>
          Automatic stop rules
        </button>
      </span>
      <AlertLine error={error} />
    </section>
  );
}
