import { TRIGGER_TEXT, type PromptsOverview, type PromptsStore } from '../../stores/promptsStore';
import { CandidateCard } from './CandidateCard';

const when = (iso: string) => new Date(iso).toLocaleString();

/** Each evolution, newest first: why it ran, what the evolver was told, how it ended, its candidates. */
export function EvolutionList({ overview, store, decidedBy }: { overview: PromptsOverview; store: PromptsStore; decidedBy: string | null }) {
  if (overview.evolutions.length === 0) return <p className="muted">No evolution yet.</p>;
  return (
    <ol className="evolutions" aria-label="Evolutions">
      {overview.evolutions.map((e) => (
        <li key={e.id}>
          <h3>
            {when(e.started_at)} · {e.evolver === 'admin' ? `edited by ${e.requested_by}` : `${TRIGGER_TEXT[e.trigger]} · ${e.evolver === 'llm' ? `LLM ${e.model}` : 'offline evolver'}`} · from {e.parent_version} ·{' '}
            {e.status === 'running' ? 'running…' : e.status}
          </h3>
          {e.issues.length > 0 && <p className="muted">Issues from low ratings: {e.issues.join('; ')}</p>}
          {e.usage && <p className="muted">Tokens: {e.usage.total_tokens} ({e.attempts} requests)</p>}
          {e.error && (
            <p className="error" role="alert">
              {e.error.message} {e.error.action}
            </p>
          )}
          {e.candidates.map((c) => (
            <CandidateCard key={c.id} candidate={c} store={store} decidedBy={decidedBy} />
          ))}
        </li>
      ))}
    </ol>
  );
}
