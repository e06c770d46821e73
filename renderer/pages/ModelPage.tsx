import { useEffect } from 'react';
import { stores, useSession } from '../app';
import { GenerationCost } from '../components/providers/GenerationCost';
import { ModelMetrics } from '../components/reward/ModelMetrics';
import { ModelSettings } from '../components/reward/ModelSettings';
import { RatingScreenSettings } from '../components/RatingScreenSettings';
import { rewardStore, useReward } from '../components/reward/rewardInstance';
import { AlertLine } from '../components/Small';
import { agreementExcludedText, agreementText, dataText, featureSetText } from '../stores/rewardStore';

/** For admins: the reward model (Phase 2): state, features, held-out metrics, settings, "Train now". */
export function ModelPage() {
  const status = useReward((s) => s.status);
  const error = useReward((s) => s.error);
  const mode = useSession((s) => s.settings?.mode);

  useEffect(() => {
    void rewardStore.getState().refresh();
    // A run ends in the background: follow the host's status events while the page is open.
    const off = stores.api.on('statusChanged', () => void rewardStore.getState().refresh());
    return off;
  }, [mode]);

  return (
    <div className="history-page" aria-busy={status?.training ?? false}>
      <h1 className="visually-hidden">Reward model</h1>
      <section className="analytics" aria-label="Reward model status">
        {status === null ? (
          <p className="muted">{error ?? 'Loading the reward model…'}</p>
        ) : (
          <>
            <div className="stat" role="status">
              <span className="stat-label">State</span>
              <span className="stat-value">{status.state.replace('_', ' ')}</span>
              <span>{status.message}</span>
            </div>
            <div className="stat">
              <span className="stat-label">Data</span>
              <span>
                {dataText(status)}; first model at {status.min_training_samples}, used for the pre-filter once trained on{' '}
                {status.ready_min_samples} with pairwise accuracy above {status.pairwise_threshold.toFixed(2)}
              </span>
              <span className="muted">
                Retrains every {status.retrain_every} new rated images
                {status.next_training_at_samples !== null ? ` (next at ${status.next_training_at_samples})` : ''}
                {status.skipped_images > 0 ? `; ${status.skipped_images} images could not be read and were left out` : ''}
              </span>
            </div>
            <div className="stat">
              <span className="stat-label">Features</span>
              <span>{featureSetText(status)}</span>
              <span className="muted">{status.clip.message}</span>
            </div>
            <div className="stat">
              <span className="stat-label">Agreement</span>
              <span>{agreementText(status)}</span>
              {agreementExcludedText(status) !== null && <span className="muted">{agreementExcludedText(status)}</span>}
            </div>
            {status.model !== null && <ModelMetrics model={status.model} />}
            <ModelSettings />
            <RatingScreenSettings />
            <GenerationCost />
            <div className="stat">
              <button type="button" disabled={status.training} onClick={() => void rewardStore.getState().train()}>
                {status.training ? 'Training…' : 'Train now'}
              </button>
            </div>
          </>
        )}
        <AlertLine error={status === null ? null : error} />
      </section>
    </div>
  );
}
