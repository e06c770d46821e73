import { useEffect } from 'react';
import { useStore } from 'zustand';
import { api } from '../app';
import { ExportForm } from '../components/export/ExportForm';
import { ExportOutcome, ExportProgress } from '../components/export/ExportOutcome';
import { AlertLine } from '../components/Small';
import { createExportStore } from '../stores/exportStore';
import '../components/export/export.css';

// The page's store lives as long as the app: the form and the last outcome survive switching pages.
const exports = createExportStore(api);

/** For admins: a dataset export from this workstation's ratings or the whole team's on the server, with progress, Cancel and the summary. */
export function ExportPage() {
  const status = useStore(exports, (s) => s.status);
  const busy = useStore(exports, (s) => s.busy);
  const error = useStore(exports, (s) => s.error);
  const notice = useStore(exports, (s) => s.notice);
  const running = status?.state === 'running';

  useEffect(() => {
    void exports.getState().load();
    const offProgress = api.on('exportProgress', (next) => exports.getState().statusChanged(next));
    // Sync set up (or removed) in Sync settings changes whether the studio server can be the source.
    const offSync = api.on('syncStatus', () => void exports.getState().load());
    return () => {
      offProgress();
      offSync();
    };
  }, []);

  return (
    <div className="export-page">
      <h1>Export</h1>
      <p className="muted">
        Writes a dataset of the ratings on this workstation, or of the whole team's on the studio server, in a format training
        pipelines read as they are, with a dataset card and a manifest. The folder gets its name only when the dataset is complete.
      </p>
      <AlertLine error={error} />
      <p role="status" aria-label="Export notice" className="muted">
        {notice ?? ''}
      </p>
      {/* Side by side, the progress and the outcome stay in view beside the long form. */}
      <div className="export-columns">
        <ExportForm store={exports} running={running} serverSource={status?.server_source} />
        <div className="export-side">
          {status && running && <ExportProgress status={status} store={exports} busy={busy} />}
          {status && !running && status.state !== 'idle' && <ExportOutcome status={status} store={exports} busy={busy} />}
        </div>
      </div>
    </div>
  );
}
