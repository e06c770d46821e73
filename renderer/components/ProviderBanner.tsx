import { useShallow } from 'zustand/react/shallow';
import { useSession } from '../app';
import { selectProviderNotes } from '../stores/sessionStore';

/** Says plainly what the enhancers are, e.g. that the local one is an offline stand-in. */
export function ProviderBanner() {
  const notes = useSession(useShallow(selectProviderNotes));
  if (notes.length === 0) return null;
  return (
    <aside className="banner" aria-label="About the enhancers">
      {notes.map((n) => (
        <p key={n.id} title={`${n.label}: ${n.note}`}>
          <strong>{n.label}:</strong> {n.note}
        </p>
      ))}
    </aside>
  );
}
