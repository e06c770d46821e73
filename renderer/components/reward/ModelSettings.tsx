import { useState } from 'react';
import { PROVIDER_IDS, type ProviderId } from '../../../core/api';
import { useSession } from '../../app';
import { saveSettings, type SettingsPatch } from '../../stores/saveSettings';
import { AlertLine } from '../Small';

/** The reward model's settings: pre-filter candidates per provider. */
export function ModelSettings() {
  const settings = useSession((s) => s.settings);
  const [error, setError] = useState<string | null>(null);
  if (settings === null) return null;

  const save = async (patch: SettingsPatch) => {
    setError(null);
    setError(await saveSettings(patch));
  };
  const setCandidates = (provider: ProviderId, value: number) => {
    if (!Number.isInteger(value)) return;
    void save({ prefilter_candidates: { ...settings.prefilter_candidates, [provider]: value } });
  };

  return (
    <section className="stat" aria-label="Reward model settings">
      <span className="stat-label">Settings</span>
      <span className="muted">Pre-filter candidates per slot (generated once the model is ready; remote providers cost money per candidate):</span>
      {PROVIDER_IDS.map((provider) => (
        <label key={provider} className="field-inline">
          <span>{provider}</span>
          <input
            type="number"
            min={1}
            max={12}
            value={settings.prefilter_candidates[provider]}
            aria-label={`Pre-filter candidates for ${provider}`}
            onChange={(event) => setCandidates(provider, Number(event.target.value))}
          />
        </label>
      ))}
      <AlertLine error={error} />
    </section>
  );
}
