import { useSession } from '../../app';

/**
 * The reward model's predicted rating on the rating screen, shown only when an admin turned on
 * "Show predicted ratings to trainers": by default trainers rate without being anchored by it.
 */
export function PredictionBadge({ predicted }: { predicted: number | null }) {
  const show = useSession((s) => s.settings?.show_predictions_to_trainers ?? false);
  if (!show || predicted === null) return null;
  return <span title="Reward model's predicted rating">Predicted {predicted.toFixed(1)}</span>;
}
