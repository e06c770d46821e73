import { useEffect } from 'react';
import { alphaText, flagText, leftText, overlapText, proportionText, secondsText } from '../../stores/ratersStore';
import { ratersStore, useRaters } from './ratersInstance';

/**
 * Rater quality for admins: every figure with its sample and interval, the flags with the
 * thresholds they crossed, and a rater's exclusion from learning (their ratings stay).
 */
export function RatersPanel() {
  const report = useRaters((s) => s.report);
  const error = useRaters((s) => s.error);

  useEffect(() => {
    void ratersStore.getState().refresh();
  }, []);

  return (
    <section className="raters-panel" aria-labelledby="raters-heading">
      <h2 id="raters-heading">Raters</h2>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {report !== null && report.raters.length === 0 && <p className="muted">No ratings yet.</p>}
      {report !== null && report.raters.length > 0 && (
        <table aria-label="Rater quality">
          <thead>
            <tr>
              <th scope="col">Rater</th>
              <th scope="col">Pairs</th>
              <th scope="col">Gold pairs</th>
              <th scope="col">Repeats agree</th>
              <th scope="col">Agreement α</th>
              <th scope="col">Same outcome</th>
              <th scope="col">Overlap with others</th>
              <th scope="col">Median time</th>
              <th scope="col">Rating variance</th>
              <th scope="col">Left chosen</th>
              <th scope="col">Flags</th>
              <th scope="col">Learning</th>
            </tr>
          </thead>
          <tbody>
            {report.raters.map((r) => (
              <tr key={r.rater}>
                <th scope="row">{r.rater}</th>
                <td>{r.pairs}</td>
                <td>{proportionText(r.gold)}</td>
                <td>{proportionText(r.self_consistency)}</td>
                <td>{alphaText(r.agreement)}</td>
                <td>{proportionText(r.outcome_agreement)}</td>
                <td>{overlapText(r)}</td>
                <td>{secondsText(r, report.team_median_seconds)}</td>
                <td>{r.rating_variance.value === null ? '–' : `${r.rating_variance.value.toFixed(2)} (team ${report.team_rating_variance.value?.toFixed(2) ?? '–'})`}</td>
                <td>{leftText(r)}</td>
                <td>{r.flags.length === 0 ? 'none' : r.flags.map(flagText).join('; ')}</td>
                <td>
                  <button type="button" aria-pressed={r.excluded} aria-label={`${r.excluded ? 'Include' : 'Exclude'} ${r.rater} ${r.excluded ? 'in' : 'from'} learning`} onClick={() => void ratersStore.getState().setExcluded(r.rater, !r.excluded)}>
                    {r.excluded ? 'Excluded: include again' : 'Exclude from learning'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">Flags are hints for a conversation, not verdicts: nothing is deleted. An excluded rater's ratings leave the optimizer and the reward model at once and come back when included again.</p>
    </section>
  );
}
