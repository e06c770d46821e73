import { useSession } from '../../app';
import { selectShowPredictions } from '../../stores/sessionStore';

/**
 * The reward model's predicted rating on the rating screen, shown only in an admin's own session
 * with "Show predicted ratings" on: trainers always rate without being anchored by it.
 */
export function PredictionBadge({ predicted }: { predicted: number | null }) {
  const show = useSession(selectShowPredictions);
  if (!show || predicted === null) return null;
  return <span title="Reward model's predicted rating">Predicted {predicted.toFixed(1)}</span>;
}
