import { useEffect, useState } from 'react';
import type { ProviderView } from '../../../core/api';
import { api } from '../../app';
import { errorText } from '../../stores/errorText';

/** For admins: what the enabled providers spent today, so the model's data has a price next to it. */
export function GenerationCost() {
  const [providers, setProviders] = useState<ProviderView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .call('providers.list', {})
      .then(setProviders)
      .catch((failure: unknown) => setError(errorText(failure)));
  }, []);
  const enabled = providers?.filter((p) => p.enabled) ?? [];
  return (
    <div className="stat" aria-label="Generation cost">
      <span className="stat-label">Generation cost</span>
      <span>
        {error ??
          (providers === null
            ? 'Loading…'
            : `Spent today: ${enabled.map((p) => `${p.label} $${p.spent_today_usd.toFixed(2)}${p.settings.daily_cap_usd !== null ? ` of $${p.settings.daily_cap_usd.toFixed(2)}` : ''}`).join(', ')}`)}
      </span>
      <span className="muted">Each pair's cost is on the History page.</span>
    </div>
  );
}
