import { useEffect } from 'react';
import { useHistory } from '../../app';
import { agreementText } from '../../stores/rewardStore';
import { rewardStore, useReward } from './rewardInstance';

/** On History: how often the reward model's earlier prediction ordered a pair as the trainer did. */
export function ModelAgreement() {
  // The History page's mode filter applies to the agreement too.
  const mode = useHistory((s) => s.filters.mode);
  const status = useReward((s) => s.status);
  useEffect(() => {
    void rewardStore.getState().refresh(mode ?? undefined);
  }, [mode]);
  return (
    <div className="stat">
      <span className="stat-label">Reward model</span>
      <span>{agreementText(status)}</span>
    </div>
  );
}
