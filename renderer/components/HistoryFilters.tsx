import { useState } from 'react';
import { MODES, PROVIDER_IDS, type Mode, type ProviderId } from '../../core/api';
import { stores, useHistory } from '../app';
import { Options } from './Small';

/** Limit, minimum rating, API and mode: selects apply at once, the limit on Enter or "Show". */
export function HistoryFilters() {
  const filters = useHistory((s) => s.filters);
  const loading = useHistory((s) => s.loading);
  const [limit, setLimit] = useState(String(filters.limit));
  const history = stores.history.getState();

  const applyLimit = (event: React.FormEvent) => {
    event.preventDefault();
    const value = Number(limit);
    if (Number.isFinite(value) && value >= 1) void history.setFilters({ limit: Math.min(500, Math.round(value)) });
  };

  return (
    <form className="filters" onSubmit={applyLimit} aria-label="History filters">
      <label className="field-inline">
        <span>Limit</span>
        <input type="number" min={1} max={500} value={limit} onChange={(event) => setLimit(event.target.value)} />
      </label>
      <label className="field-inline">
        <span>Minimum rating</span>
        <select
          value={filters.minRating ?? ''}
          onChange={(event) => void history.setFilters({ minRating: event.target.value === '' ? null : Number(event.target.value) })}
        >
          <option value="">any</option>
          <Options values={[1, 2, 3, 4, 5]} />
        </select>
      </label>
      <label className="field-inline">
        <span>API</span>
        <select
          value={filters.api ?? ''}
          onChange={(event) => void history.setFilters({ api: event.target.value === '' ? null : (event.target.value as ProviderId) })}
        >
          <option value="">any</option>
          <Options values={PROVIDER_IDS} />
        </select>
      </label>
      <label className="field-inline">
        <span>Mode</span>
        <select
          value={filters.mode ?? ''}
          onChange={(event) => void history.setFilters({ mode: event.target.value === '' ? null : (event.target.value as Mode) })}
        >
          <option value="">any</option>
          <Options values={MODES} />
        </select>
      </label>
      <button type="submit" disabled={loading}>
        Show
      </button>
    </form>
  );
}
