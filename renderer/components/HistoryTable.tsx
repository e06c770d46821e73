import { api } from '../app';
import { OUTCOME_LABELS, shortDateTime } from '../format';
import type { HistoryEntry } from '../stores/historyStore';

function OptionCell({ option }: { option: HistoryEntry['options'][number] | undefined }) {
  if (option === undefined) return <td className="muted">–</td>;
  return (
    <td>
      <div className="hist-option">
        {option.image !== null && (
          <img src={api.imageUrl(option.image.sha256, 'thumb')} alt={`Option ${option.option} thumbnail`} loading="lazy" />
        )}
        <div>
          <div>
            <strong>{option.rating ?? '–'}</strong> <span className="muted">{option.api}</span>
          </div>
          {option.predicted_rating !== null && <div className="muted">Predicted {option.predicted_rating.toFixed(1)}</div>}
          {option.cost_usd !== null && option.cost_usd > 0 && (
            <div className="muted" aria-label={`Option ${option.option} cost`}>
              ${option.cost_usd.toFixed(3)}
              {option.latency_ms !== null ? `, ${(option.latency_ms / 1000).toFixed(1)} s` : ''}
            </div>
          )}
          {option.comments ? <div className="hist-comment">{option.comments}</div> : null}
        </div>
      </div>
    </td>
  );
}

/** Rated and skipped experiments, newest first as the host returns them. */
export function HistoryTable({ experiments }: { experiments: HistoryEntry[] }) {
  if (experiments.length === 0) return <p className="muted">No rated or skipped pairs match these filters.</p>;
  return (
    <table className="history" aria-label="Experiments">
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Mode</th>
          <th scope="col">Outcome</th>
          <th scope="col">Rater</th>
          <th scope="col">Option A</th>
          <th scope="col">Option B</th>
        </tr>
      </thead>
      <tbody>
        {experiments.map((e) => (
          <tr key={e.experiment_id} className={e.status === 'skipped' ? 'skipped' : undefined}>
            <td>{shortDateTime(e.rated_at ?? e.created_at)}</td>
            <td>{e.mode}</td>
            <td>{e.status === 'skipped' ? `Skipped: ${e.skip_reason ?? 'no reason'}` : e.outcome ? OUTCOME_LABELS[e.outcome] : '–'}</td>
            <td>
              {e.rated_by ?? '–'}
              {e.details_shown === true && <div className="muted">details on screen</div>}
            </td>
            <OptionCell option={e.options.find((o) => o.option === 'A')} />
            <OptionCell option={e.options.find((o) => o.option === 'B')} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
