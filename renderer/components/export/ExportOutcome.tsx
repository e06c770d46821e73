import { useState } from 'react';
import type { ExportStatus } from '../../../core/api';
import type { ExportStore } from '../../stores/exportStore';
import { EXCLUSION_TEXT, filesLine, outcomeTitle, pairsLine, progressOf } from '../../stores/exportText';

/** The running export: a progress bar with its counts, and Cancel. */
export function ExportProgress({ status, store, busy }: { status: ExportStatus; store: ExportStore; busy: boolean }) {
  const { text, percent } = progressOf(status);
  return (
    <section className="export-run" aria-label="Export progress">
      <h2>{outcomeTitle(status)}</h2>
      <p className="muted">
        Writing {status.request?.out}
        {status.request?.source === 'server' ? ' from the studio server' : ''}
      </p>
      <progress aria-label="Export progress bar" max={100} value={percent} />
      <p role="status" aria-label="Export counts">
        {text} ({percent}%)
      </p>
      <button type="button" disabled={busy || status.cancelling} onClick={() => void store.getState().cancel()}>
        Cancel export
      </button>
    </section>
  );
}

/** The folder's full path, ready to copy (the browser host cannot open a file manager). */
function PathLine({ path }: { path: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <div className="export-path">
      <label>
        <span>Dataset folder</span>
        <input readOnly value={path} onFocus={(e) => e.target.select()} />
      </label>
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard.writeText(path).then(
            () => setCopied('Path copied.'),
            () => setCopied('The browser refused to copy: select the path and press Ctrl+C.'),
          )
        }
      >
        Copy path
      </button>
      <span role="status" aria-label="Copy result" className="muted">
        {copied ?? ''}
      </span>
    </div>
  );
}

/** The last export's outcome: what it wrote and left out, or why it stopped. */
export function ExportOutcome({ status, store, busy }: { status: ExportStatus; store: ExportStore; busy: boolean }) {
  const summary = status.summary;
  return (
    <section className="export-run" aria-label="Last export">
      <h2>{outcomeTitle(status)}</h2>
      {status.error && (
        <p className="error" role="alert">
          {status.error.message}
        </p>
      )}
      {summary && (
        <>
          <p>
            {summary.format} · {pairsLine(summary)} · {filesLine(summary)}
          </p>
          <PathLine path={summary.out} />
          {status.can_show_in_folder ? (
            <button type="button" disabled={busy} onClick={() => void store.getState().showInFolder()}>
              Show in folder
            </button>
          ) : (
            <p className="muted">This browser cannot open folders on this computer: copy the path and open it in your file manager.</p>
          )}
          <table aria-label="Left out">
            <thead>
              <tr>
                <th scope="col">Left out</th>
                <th scope="col">Pairs</th>
              </tr>
            </thead>
            <tbody>
              {summary.excluded.length === 0 ? (
                <tr>
                  <td colSpan={2}>Nothing: every rated pair passed the filters.</td>
                </tr>
              ) : (
                summary.excluded.map((e) => (
                  <tr key={e.reason}>
                    <td>{EXCLUSION_TEXT[e.reason]}</td>
                    <td>{e.pairs}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
