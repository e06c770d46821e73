import { useShallow } from 'zustand/react/shallow';
import { useSession } from '../app';
import { selectProviderNotes } from '../stores/sessionStore';

/**
 * Says plainly what the enhancers are, e.g. that the local one is an offline stand-in. The label
 * alone fits the toolbar's row at every width; a click on it opens the whole note, never cut short.
 */
export function ProviderBanner() {
  const notes = useSession(useShallow(selectProviderNotes));
  if (notes.length === 0) return null;
  return (
    <aside className="banner" aria-label="About the enhancers">
      {notes.map((n) => (
        <details key={n.id}>
          <summary title={n.note} tabIndex={-1}>
            <strong>{n.label}</strong>
          </summary>
          <p>{n.note}</p>
        </details>
      ))}
    </aside>
  );
}
