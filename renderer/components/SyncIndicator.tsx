import { stores, useSync } from '../app';
import { syncText } from '../stores/syncStore';

/** Always in the header: trainers see at a glance that nothing they rated is lost. */
export function SyncIndicator() {
  const status = useSync((s) => s.status);
  const busy = useSync((s) => s.busy);
  const configured = status !== null && status.state !== 'not_configured';
  return (
    <span className="sync" data-state={status?.state ?? 'unknown'}>
      <span role="status" aria-label="Sync status" title={[syncText(status), status?.last_error?.action].filter(Boolean).join(' — ')}>
        <SyncWords text={syncText(status)} />
      </span>
      {configured && (
        <button type="button" className="ghost" disabled={busy} onClick={() => void stores.sync.getState().syncNow()}>
          Sync now
        </button>
      )}
      <button
        type="button"
        className="ghost"
        onClick={() => void stores.sync.getState().loadConfig().then(() => stores.ui.getState().openDialog('sync'))}
      >
        Sync settings
      </button>
    </span>
  );
}

/** The state always; the detail after it only where the header has room (the tooltip has it always). */
function SyncWords({ text }: { text: string }) {
  const cut = text.indexOf(' · ');
  if (cut < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, cut)}
      <span className="wide-only">{text.slice(cut)}</span>
    </>
  );
}
