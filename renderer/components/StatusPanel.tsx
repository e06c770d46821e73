import { useSession, useStatus } from '../app';
import { bestRatingText, offlineText, phase1Text, phase2Text, promptText, queueText, samplesText } from '../stores/statusStore';

/** The seed's "Current Status" block, as one dense line. */
export function StatusPanel() {
  const status = useStatus((s) => s.status);
  const queue = useStatus((s) => s.queue);
  const error = useStatus((s) => s.error);
  const needsNetwork = useSession((s) => s.settings?.enabled_providers.some((id) => id !== 'local') ?? false);

  return (
    <div className="status" role="status" aria-label="Training status">
      {status === null ? (
        <span>{error ?? 'Loading training status…'}</span>
      ) : (
        <>
          <span className="status-main">{samplesText(status)}</span>
          <span>{bestRatingText(status)}</span>
          <span>{phase1Text(status)}</span>
          <span>{phase2Text(status)}</span>
          <span>{promptText(status)}</span>
        </>
      )}
      {queue !== null && <span className="muted">{queueText(queue)}</span>}
      {queue !== null && needsNetwork && <span>{offlineText(queue)}</span>}
    </div>
  );
}
