import { useEffect, useState } from 'react';
import { isTextEntry } from '../keyboard';

/** The accessible name of a field, as the trainer reads it next to the field. */
function fieldName(el: Element): string {
  const labelled = el.getAttribute('aria-label');
  if (labelled) return labelled;
  const label = (el as HTMLInputElement).labels?.[0]?.textContent?.trim();
  return label || 'a field';
}

/** Where the keys go right now; null while they rate. */
function typingInto(): string | null {
  const active = document.activeElement;
  return active !== null && isTextEntry(active as HTMLInputElement) ? fieldName(active) : null;
}

/**
 * Says whether the keys rate or type. A field that takes the digits must never do so unnoticed:
 * this line changes the moment one takes the focus, and names the way back.
 */
export function KeyTarget() {
  const [field, setField] = useState<string | null>(typingInto);
  useEffect(() => {
    // focusout fires before the focus lands elsewhere; read the result once it has.
    const update = () => queueMicrotask(() => setField(typingInto()));
    document.addEventListener('focusin', update);
    document.addEventListener('focusout', update);
    return () => {
      document.removeEventListener('focusin', update);
      document.removeEventListener('focusout', update);
    };
  }, []);
  return (
    <p className="key-target" role="status" aria-label="Keys go to" data-typing={field !== null}>
      {field === null ? (
        <>Keys rate the pair</>
      ) : (
        <>
          Keys type into {field} · <kbd>Esc</kbd> to rate
        </>
      )}
    </p>
  );
}
