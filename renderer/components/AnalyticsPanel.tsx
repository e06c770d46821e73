import type { History } from '../stores/historyStore';
import { OUTCOME_LABELS, parameterRows } from '../format';
import { OUTCOMES } from '../../core/api';
import { ModelAgreement } from './reward/ModelAgreement';

/** The seed's analytics: totals, best parameters, per-API performance, outcome counts (the trend is a chart below). */
export function AnalyticsPanel({ analytics }: { analytics: History['analytics'] }) {
  const apis = Object.entries(analytics.api_performance);
  const raters = Object.entries(analytics.rater_offsets);
  return (
    <section className="analytics" aria-label="Analytics">
      <div className="stat">
        <span className="stat-label">Total samples</span>
        <span className="stat-value">{analytics.total_samples}</span>
      </div>
      <div className="stat">
        <span className="stat-label">Average rating</span>
        <span className="stat-value">{analytics.avg_rating === null ? '–' : analytics.avg_rating.toFixed(2)}</span>
      </div>
      <div className="stat">
        <span className="stat-label">Best parameters</span>
        {analytics.best_parameters === null ? (
          <span className="muted">none yet</span>
        ) : (
          <span className="stat-list">
            <span>{analytics.best_parameters.api}</span>
            {parameterRows(analytics.best_parameters).map((row) => (
              <span key={row.name}>
                {row.name}: {row.value}
              </span>
            ))}
          </span>
        )}
      </div>
      <div className="stat">
        <span className="stat-label" id="api-performance-label">Per-API performance</span>
        <table className="mini" aria-labelledby="api-performance-label">
          <thead>
            <tr>
              <th scope="col">API</th>
              <th scope="col">Avg</th>
              <th scope="col">Count</th>
            </tr>
          </thead>
          <tbody>
            {apis.map(([id, perf]) => (
              <tr key={id}>
                <th scope="row">{id}</th>
                <td>{perf.avg_rating.toFixed(2)}</td>
                <td>{perf.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {raters.length > 0 && (
        <div className="stat">
          <span className="stat-label" id="rater-offsets-label">Rater offsets</span>
          <table className="mini" aria-labelledby="rater-offsets-label">
            <tbody>
              {raters.map(([rater, offset]) => (
                <tr key={rater}>
                  <th scope="row">{rater}</th>
                  <td>{offset > 0 ? `+${offset.toFixed(2)}` : offset.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ModelAgreement />
      <div className="stat">
        <span className="stat-label" id="outcome-counts-label">Outcomes</span>
        <table className="mini" aria-labelledby="outcome-counts-label">
          <tbody>
            {OUTCOMES.map((o) => (
              <tr key={o}>
                <th scope="row">{OUTCOME_LABELS[o]}</th>
                <td>{analytics.outcomes[o] ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
