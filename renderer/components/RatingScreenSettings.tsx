import { useState } from 'react';
import { useSession } from '../app';
import { saveSettings, type SettingsPatch } from '../stores/saveSettings';
import { AlertLine } from './Small';

/**
 * What an admin sees beside each option in their own signed-in session. Trainers always rate blind,
 * so neither the provider, the parameters, the prompt version nor the model's prediction anchors a
 * rating; locking hides the details again. Each rating records whether details were on screen.
 */
export function RatingScreenSettings() {
  const settings = useSession((s) => s.settings);
  const [error, setError] = useState<string | null>(null);
  if (settings === null) return null;
  const save = async (patch: SettingsPatch) => setError(await saveSettings(patch));

  return (
    <section className="stat" aria-label="Rating screen settings">
      <span className="stat-label">Rating screen</span>
      <label className="field-inline">
        <input
          type="checkbox"
          checked={settings.show_parameters_to_trainers}
          onChange={(event) => void save({ show_parameters_to_trainers: event.target.checked })}
        />
        <span>Show provider, parameters and prompt version on each option in admin sessions (trainers always rate blind)</span>
      </label>
      <label className="field-inline">
        <input
          type="checkbox"
          checked={settings.show_predictions_to_trainers}
          onChange={(event) => void save({ show_predictions_to_trainers: event.target.checked })}
        />
        <span>Show predicted ratings in admin sessions (trainers never see them, so the model does not anchor them)</span>
      </label>
      <span className="muted">Every rating records whether these details were on screen.</span>
      <label className="field-inline">
        <span>Daily goal per trainer (pairs)</span>
        <input
          type="number"
          min={1}
          max={5000}
          value={settings.daily_goal}
          aria-label="Daily goal per trainer"
          onChange={(event) => {
            const value = Number(event.target.value);
            if (Number.isInteger(value) && value >= 1) void save({ daily_goal: value });
          }}
        />
      </label>
      <AlertLine error={error} />
    </section>
  );
}
