import type { OptionLabel } from '../../core/api';
import type { RatingValue } from '../keymap';

const VALUES: readonly RatingValue[] = [1, 2, 3, 4, 5];

interface Props {
  option: OptionLabel;
  value: RatingValue | null;
  disabled: boolean;
  onRate(value: RatingValue): void;
}

/**
 * 1–5 for one option. The keys 1–5 (keymap) are the main way in; the radios show the state and
 * take clicks. They stay out of the Tab order because Tab switches options while rating.
 */
export function RatingRadios({ option, value, disabled, onRate }: Props) {
  return (
    <div className="rating" role="radiogroup" aria-label={`Rating for option ${option}`}>
      {VALUES.map((v) => (
        <button
          key={v}
          type="button"
          role="radio"
          aria-checked={value === v}
          tabIndex={-1}
          disabled={disabled}
          className={value !== null && v <= value ? 'rating-on' : undefined}
          onClick={() => onRate(v)}
        >
          {v}
        </button>
      ))}
    </div>
  );
}
