import type { OptionLabel } from '../../../core/api';
import { useTrain } from '../../app';

/** The option's letter and rating, large on the image itself: readable at a glance, also full screen. */
export function RatingBadge({ option, className }: { option: OptionLabel; className?: string }) {
  const rating = useTrain((s) => s.ratings[option]);
  return (
    <span className={`rating-badge ${className ?? ''}`} aria-label={`Option ${option} rating`} data-rated={rating !== null}>
      {option} <strong>{rating ?? '–'}</strong>
    </span>
  );
}
