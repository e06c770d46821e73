import { useEffect } from 'react';
import { useStore } from 'zustand';
import { api, useSession } from '../app';
import { EvolutionList } from '../components/prompts/EvolutionList';
import { LlmSettings } from '../components/prompts/LlmSettings';
import { PromptEditor } from '../components/prompts/PromptEditor';
import { VersionDiff } from '../components/prompts/VersionDiff';
import { VersionsTable } from '../components/prompts/VersionsTable';
import { AlertLine } from '../components/Small';
import { createPromptsStore } from '../stores/promptsStore';
import { selectRaterId } from '../stores/sessionStore';
import { nextEvolutionText } from '../stores/evolutionText';
import '../components/prompts/prompts.css';

// The page's store lives as long as the app: its state survives switching pages.
const prompts = createPromptsStore(api);

/** For admins: prompt versions, evolutions and their candidates, decisions, the LLM settings. */
export function PromptsPage() {
  const overview = useStore(prompts, (s) => s.overview);
  const diff = useStore(prompts, (s) => s.diff);
  const llm = useStore(prompts, (s) => s.llm);
  const llmTest = useStore(prompts, (s) => s.llmTest);
  const busy = useStore(prompts, (s) => s.busy);
  const error = useStore(prompts, (s) => s.error);
  const notice = useStore(prompts, (s) => s.notice);
  const decidedBy = useSession(selectRaterId);

  useEffect(() => {
    void prompts.getState().load();
    void prompts.getState().loadLlm();
    // Evolutions finish and tests progress in the background: follow them while the page is open.
    return api.on('promptsChanged', () => void prompts.getState().load());
  }, []);

  return (
    <div className="prompts-page">
      <h1>Prompts</h1>
      <AlertLine error={error} />
      <p role="status" aria-label="Prompts notice" className="muted">
        {notice ?? ''}
      </p>
      {overview === null ? (
        <p className="muted">Loading prompts…</p>
      ) : (
        <>
          <section aria-labelledby="evolution-heading">
            <h2 id="evolution-heading">Evolution</h2>
            <p>
              Current version <strong>{overview.current_version}</strong> · {overview.samples} samples · {nextEvolutionText(overview) ?? 'no evolution due'} ·{' '}
              {overview.llm_configured ? 'LLM evolver' : 'offline evolver'}
              {overview.running ? ' · an evolution is running…' : ''}
            </p>
            <div className="candidate-actions">
              <button type="button" disabled={busy || overview.running || decidedBy === null} onClick={() => decidedBy && void prompts.getState().evolve(decidedBy)}>
                Evolve now
              </button>
              <label className="checkbox">
                <input type="checkbox" checked={overview.auto_adopt} disabled={busy} onChange={(e) => void prompts.getState().setAutoAdopt(e.target.checked)} />
                <span>Adopt test winners automatically</span>
              </label>
            </div>
            <p className="muted">{overview.decision_rule}</p>
            {overview.problems.length > 0 && (
              <ul aria-label="Prompt file problems" className="error">
                {overview.problems.map((p) => (
                  <li key={p.file + p.message}>
                    {p.file}: {p.message}
                  </li>
                ))}
              </ul>
            )}
            <EvolutionList overview={overview} store={prompts} decidedBy={decidedBy} />
          </section>
          <section aria-labelledby="versions-heading">
            <h2 id="versions-heading">Versions</h2>
            <VersionsTable overview={overview} store={prompts} decidedBy={decidedBy} />
            <VersionDiff overview={overview} diff={diff} store={prompts} />
            <h3>Edit by hand</h3>
            <PromptEditor overview={overview} store={prompts} editedBy={decidedBy} busy={busy} />
          </section>
        </>
      )}
      <section aria-labelledby="llm-heading">
        <h2 id="llm-heading">LLM settings</h2>
        <LlmSettings llm={llm} test={llmTest} busy={busy} store={prompts} />
      </section>
    </div>
  );
}
