import { useTrain } from '../app';
import { OUTCOME_LABELS } from '../format';
import type { Submission } from '../stores/recentSubmissions';

/** The last few submissions: what U takes back, newest first; an undone one is struck through. */
export function RecentList() {
  const recent = useTrain((s) => s.recent);
  if (recent.length === 0) return null;
  return (
    <ol className="recent" aria-label="Recent submissions">
      {recent.slice(0, 3).map((s) => (
        <li key={s.experimentId} data-undone={s.undone} title={s.comments.A || s.comments.B ? `A: ${s.comments.A}\nB: ${s.comments.B}` : undefined}>
          {s.undone ? <del>{text(s)}</del> : text(s)}
          {s.undone && <span className="muted"> undone</span>}
        </li>
      ))}
    </ol>
  );
}

function text(s: Submission): string {
  const override = s.outcomeOverride === null ? '' : ` · ${OUTCOME_LABELS[s.outcomeOverride]}`;
  return `${s.sourceName}: A ${s.ratings.A} · B ${s.ratings.B}${override}`;
}
