import { useEffect } from 'react';
import { stores, useHistory, useSession } from '../app';
import { AnalyticsPanel } from '../components/AnalyticsPanel';
import { ChartsPanel } from '../components/charts/ChartsPanel';
import { HistoryFilters } from '../components/HistoryFilters';
import { HistoryTable } from '../components/HistoryTable';
import { Phase1Controls } from '../components/Phase1Controls';
import { RatersPanel } from '../components/raters/RatersPanel';
import { selectIsAdmin } from '../stores/sessionStore';

/** What has been rated so far and how it trends. Reloads each time the page opens. */
export function HistoryPage() {
  const history = useHistory((s) => s.history);
  const error = useHistory((s) => s.error);
  const loading = useHistory((s) => s.loading);
  const mode = useHistory((s) => s.filters.mode);
  // Stopping Phase 1 and judging raters are the admin's; trainers see what was rated.
  const admin = useSession(selectIsAdmin);

  useEffect(() => {
    void stores.history.getState().load();
  }, []);

  return (
    <div className="history-page" aria-busy={loading}>
      <h1 className="visually-hidden">History</h1>
      <HistoryFilters />
      {admin && <Phase1Controls />}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {history !== null && <AnalyticsPanel analytics={history.analytics} />}
      <ChartsPanel mode={mode} admin={admin} />
      {history !== null && <HistoryTable experiments={history.experiments} />}
      {history === null && error === null && <p className="muted">Loading history…</p>}
      {admin && <RatersPanel />}
    </div>
  );
}
