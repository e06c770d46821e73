import { OUTCOMES } from '../../core/api';
import { stores, useTrain } from '../app';
import { OUTCOME_LABELS } from '../format';
import { runAction } from '../keyboard';
import { deriveOutcome } from '../stores/trainLogic';
import { KeyTarget } from './KeyTarget';
import { RecentList } from './RecentList';
import { AlertLine } from './Small';

/** Below the pair: the pairwise outcome, submit, skip/undo, and what just happened or went wrong. */
export function DecisionBar() {
  const ratings = useTrain((s) => s.ratings);
  const override = useTrain((s) => s.outcomeOverride);
  const submitting = useTrain((s) => s.submitting);
  const hasExperiment = useTrain((s) => s.experiment !== null);
  const error = useTrain((s) => s.error);
  const notice = useTrain((s) => s.notice);
  const outcome = deriveOutcome(ratings, override);
  const train = stores.train.getState();

  return (
    <div className="decide">
      <div className="outcome" role="radiogroup" aria-label="Outcome">
        <span className="outcome-title" aria-hidden="true">
          Outcome
        </span>
        {OUTCOMES.map((o) => (
          <button
            key={o}
            type="button"
            role="radio"
            tabIndex={-1}
            aria-checked={outcome === o}
            disabled={!hasExperiment}
            onClick={() => train.toggleOutcome(o)}
          >
            {OUTCOME_LABELS[o]}
          </button>
        ))}
        <span className="muted outcome-source">
          {override !== null ? 'set by you (T / X again to undo)' : outcome !== null ? 'from the ratings' : ''}
        </span>
      </div>
      <button type="button" className="primary" disabled={submitting || !hasExperiment} onClick={() => runAction({ type: 'submit' }, stores)} aria-keyshortcuts="Enter">
        {submitting ? 'Submitting…' : 'Submit ratings'}
      </button>
      <button type="button" disabled={!hasExperiment} onClick={() => runAction({ type: 'openSkip' }, stores)} aria-keyshortcuts="S">
        Skip this pair
      </button>
      <button type="button" onClick={() => runAction({ type: 'undo' }, stores)} aria-keyshortcuts="U">
        Undo last submission
      </button>
      <KeyTarget />
      <RecentList />
      <div className="messages">
        <AlertLine error={error} />
        <p className="notice" role="status" aria-label="Last action" key={notice ?? ''}>
          {error === null ? notice : ''}
        </p>
      </div>
    </div>
  );
}
