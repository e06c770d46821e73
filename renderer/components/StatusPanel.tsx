import { useSession, useStatus } from '../app';
import { statusItems } from '../stores/statusLine';
import { offlineText, queueText } from '../stores/statusStore';

/** The seed's "Current Status" block, as one line that fits the narrowest window; tooltips say the rest. */
export function StatusPanel() {
  const status = useStatus((s) => s.status);
  const queue = useStatus((s) => s.queue);
  const error = useStatus((s) => s.error);
  const needsNetwork = useSession((s) => s.settings?.enabled_providers.some((id) => id !== 'local') ?? false);

  return (
    <div className="status" role="status" aria-label="Training status">
      {status === null ? (
        <>
          <span>{error ?? 'Loading training status…'}</span>
          {queue !== null && <span className="muted">{queueText(queue)}</span>}
        </>
      ) : (
        statusItems(status, queue).map((item) => (
          <span key={item.key} className={item.main ? 'status-main' : undefined} title={item.full === item.text ? undefined : item.full}>
            {item.text}
          </span>
        ))
      )}
      {/* With a remote provider on, what is left to rate when the network goes. */}
      {queue !== null && needsNetwork && <span>{offlineText(queue)}</span>}
    </div>
  );
}
