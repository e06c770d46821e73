import { useStore } from 'zustand';
import { MODES, PROVIDER_IDS } from '../../../core/api';
import type { ExportStatus } from '../../../core/api';
import type { ExportStore } from '../../stores/exportStore';
import type { ExportDraft, ExportFormat, ExportSourceName } from '../../stores/exportForm';
import { serverSourceReason } from '../../stores/exportText';

const FORMATS: readonly { value: ExportFormat; label: string }[] = [
  { value: 'pairwise', label: 'Pairwise Parquet (Pick-a-Pic layout, images embedded)' },
  { value: 'imagefolder', label: 'Per image: Hugging Face ImageFolder' },
  { value: 'rankings', label: 'Rankings per render and prompt (ImageReward JSON)' },
  { value: 'csv', label: 'Flat CSV, one row per rated option' },
  { value: 'jsonl', label: 'Flat JSONL, one row per rated option' },
];
const RATINGS = ['1', '2', '3', '4', '5'] as const;

/** Ticks for a list of values; none ticked means every value. */
function Choices<T extends string>({ legend, values, chosen, onChange }: { legend: string; values: readonly T[]; chosen: T[]; onChange(next: T[]): void }) {
  return (
    <fieldset className="export-choices">
      <legend>{legend}</legend>
      {values.map((value) => (
        <label key={value} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(value)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, value] : chosen.filter((v) => v !== value))}
          />
          <span>{value}</span>
        </label>
      ))}
    </fieldset>
  );
}

const SOURCES: readonly { value: ExportSourceName; label: string }[] = [
  { value: 'local', label: 'This workstation' },
  { value: 'server', label: 'Studio server (whole team)' },
];

/** Where the rows come from; the server is offered only where sync can reach it, and says why not otherwise. */
function SourceChoice({ chosen, serverSource, onChange }: { chosen: ExportSourceName; serverSource: ExportStatus['server_source'] | undefined; onChange(next: ExportSourceName): void }) {
  const reason = serverSourceReason(serverSource);
  return (
    <fieldset className="export-choices" role="radiogroup" aria-label="Source">
      <legend>Source</legend>
      {SOURCES.map(({ value, label }) => {
        const disabled = value === 'server' && reason !== null;
        return (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name="export-source"
              value={value}
              checked={chosen === value && !disabled}
              disabled={disabled}
              aria-describedby={disabled ? 'export-server-reason' : undefined}
              onChange={() => onChange(value)}
            />
            <span>{label}</span>
          </label>
        );
      })}
      {reason !== null && (
        <p id="export-server-reason" className="muted">
          {reason}
        </p>
      )}
    </fieldset>
  );
}

/** The export's request: source, format, folder, filters, splits and ties. Enter in any field starts it. */
export function ExportForm({ store, running, serverSource }: { store: ExportStore; running: boolean; serverSource: ExportStatus['server_source'] | undefined }) {
  const d = useStore(store, (s) => s.draft);
  const busy = useStore(store, (s) => s.busy);
  const edit = (patch: Partial<ExportDraft>) => store.getState().edit(patch);
  const text = (key: keyof ExportDraft, label: string, placeholder = '') => (
    <label>
      <span>{label}</span>
      <input value={d[key] as string} placeholder={placeholder} onChange={(e) => edit({ [key]: e.target.value })} />
    </label>
  );
  const pairwise = d.format === 'pairwise';

  return (
    <form
      className="export-form"
      aria-label="Export settings"
      onSubmit={(e) => {
        e.preventDefault();
        void store.getState().start();
      }}
    >
      <SourceChoice chosen={d.source} serverSource={serverSource} onChange={(source) => edit({ source })} />
      <section className="form-grid">
        <label>
          <span>Format</span>
          <select value={d.format} onChange={(e) => edit({ format: e.target.value as ExportFormat })}>
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        {text('out', 'Output folder (full path, new or empty)', 'a folder path such as /home/you/datasets/june')}
        {text('licence', 'Licence (written into the dataset card)', 'other')}
      </section>
      <fieldset className="form-grid">
        <legend>Filters</legend>
        {text('from', 'Answered from (date)', '2026-01-31')}
        {text('to', 'Answered before (date)', '2026-02-28')}
        {text('raters', 'Only these raters (comma-separated; empty: all)')}
        <label className="checkbox">
          <input type="checkbox" checked={d.withoutFlaggedRaters} onChange={(e) => edit({ withoutFlaggedRaters: e.target.checked })} />
          <span>Exclude flagged raters</span>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={d.withoutExcludedRaters} onChange={(e) => edit({ withoutExcludedRaters: e.target.checked })} />
          <span>Exclude raters excluded from learning</span>
        </label>
        <Choices legend="Providers (none ticked: all)" values={PROVIDER_IDS} chosen={d.providers} onChange={(providers) => edit({ providers })} />
        <Choices legend="Modes (none ticked: all)" values={MODES} chosen={d.modes} onChange={(modes) => edit({ modes })} />
        {text('promptVersions', 'Prompt versions (comma-separated; empty: all)', 'v1.0.0, v1.1.0')}
        <div className="export-range">
          {(['minRating', 'maxRating'] as const).map((key) => (
            <label key={key}>
              <span>{key === 'minRating' ? 'Lowest rating' : 'Highest rating'}</span>
              <select value={d[key]} onChange={(e) => edit({ [key]: e.target.value })}>
                <option value="">Any</option>
                {RATINGS.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={pairwise && d.includeSkipped} disabled={!pairwise} onChange={(e) => edit({ includeSkipped: e.target.checked })} />
          <span>Include skipped pairs, unlabeled (pairwise only)</span>
        </label>
      </fieldset>
      <fieldset className="form-grid">
        <legend>Splits by source render</legend>
        <div className="export-range">
          {text('train', 'Train share')}
          {text('validation', 'Validation share')}
          {text('test', 'Test share')}
        </div>
        {text('seed', 'Seed (empty: 1)', '1')}
        <label>
          <span>Ties and both-bad answers (pairwise)</span>
          <select value={d.ties} disabled={!pairwise} onChange={(e) => edit({ ties: e.target.value as ExportDraft['ties'] })}>
            <option value="split">In a ties split of their own, never in train</option>
            <option value="drop">Dropped</option>
          </select>
        </label>
      </fieldset>
      <div className="dialog-buttons">
        <button type="submit" className="primary" disabled={busy || running}>
          Start export
        </button>
      </div>
    </form>
  );
}
