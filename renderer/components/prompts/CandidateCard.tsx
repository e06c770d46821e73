import { useState } from 'react';
import { testText, type Candidate, type PromptsStore } from '../../stores/promptsStore';

const STATUS_TEXT: Record<Candidate['status'], string> = {
  failed: 'evolver failed',
  rejected: 'rejected by the guardrails',
  queued: 'waiting for its test',
  testing: 'being tested',
  won: 'won its test — waiting for approval',
  lost: 'lost its test',
  approved: 'approved',
  declined: 'rejected by an admin',
  no_visible_effect: 'no visible effect — its pictures looked the same as the current prompt’s, so trainers never rated it',
};

/** One variant of an evolution: what changed and why, the guardrails' verdict, its test, the decision. */
export function CandidateCard({ candidate, store, decidedBy }: { candidate: Candidate; store: PromptsStore; decidedBy: string | null }) {
  const [note, setNote] = useState('');
  const name = candidate.version ?? `variant ${candidate.variant + 1}`;
  const open = candidate.version !== null && ['queued', 'testing', 'won', 'lost'].includes(candidate.status);
  const canApprove = candidate.status === 'won' || candidate.status === 'lost';
  const decide = (decision: 'approve' | 'reject') => {
    if (decidedBy === null) return;
    void store.getState().decide(candidate.id, decision, decidedBy, note).then((ok) => ok && setNote(''));
  };
  const test = testText(candidate);
  const held = candidate.status === 'rejected' && candidate.guardrails?.needs_admin === true;
  const llm = candidate.guardrails?.layers?.llm;

  return (
    <article className="candidate" aria-label={`Candidate ${name}`}>
      <h4>
        {name} <span className={`badge badge-${candidate.status}`}>{held ? 'waiting for an admin: the guardrail layers disagree' : STATUS_TEXT[candidate.status]}</span>
      </h4>
      {candidate.prompt !== null && <p className="prompt-text">{candidate.prompt}</p>}
      {candidate.reasoning && <p><strong>Reasoning:</strong> {candidate.reasoning}</p>}
      {candidate.changes.length > 0 && (
        <ul aria-label={`Changes in ${name}`}>
          {candidate.changes.map((change) => (
            <li key={change}>{change}</li>
          ))}
        </ul>
      )}
      {candidate.guardrails && (
        <div aria-label={`Guardrails of ${name}`}>
          {candidate.guardrails.passed ? <p>Guardrails: passed</p> : <p className="error">Guardrails: rejected</p>}
          <ul>
            {candidate.guardrails.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
            {candidate.guardrails.warnings.map((w) => (
              <li key={w} className="muted">Warning: {w}</li>
            ))}
          </ul>
          {candidate.guardrails.layers && llm && llm.status !== 'not_configured' && (
            <table aria-label={`Guardrail verdicts of ${name}`}>
              <thead>
                <tr>
                  <th>Phrase</th>
                  <th>Rules</th>
                  <th>LLM judge</th>
                </tr>
              </thead>
              <tbody>
                {candidate.guardrails.layers.rules.map((rule, i) => (
                  <tr key={rule.phrase}>
                    <td>{rule.phrase}</td>
                    <td>{rule.changes_content ? 'changes content' : 'rendering only'}</td>
                    <td>
                      {llm.status === 'answered'
                        ? `${llm.phrases[i]?.changes_content ? 'changes content' : 'rendering only'} (${llm.phrases[i]?.reason ?? ''})`
                        : `no verdict: ${llm.message}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {held && (
            <button type="button" disabled={decidedBy === null} onClick={() => decide('approve')}>
              Send {name} to its test
            </button>
          )}
        </div>
      )}
      {candidate.error && (
        <p className="error">
          {candidate.error.message} {candidate.error.action}
        </p>
      )}
      {test && <p>{test}</p>}
      {candidate.decision && (
        <p className="muted">
          {candidate.decision.action} by {candidate.decision.decided_by}
          {candidate.decision.note ? `: “${candidate.decision.note}”` : ''}
        </p>
      )}
      {open && (
        <div className="candidate-actions">
          <label className="field">
            <span>Note on {name}</span>
            <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={1000} />
          </label>
          <button type="button" disabled={!canApprove || decidedBy === null} onClick={() => decide('approve')}>
            Approve {name}
          </button>
          <button type="button" disabled={decidedBy === null} onClick={() => decide('reject')}>
            Reject {name}
          </button>
        </div>
      )}
    </article>
  );
}
