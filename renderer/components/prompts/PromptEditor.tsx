import { useEffect, useState } from 'react';
import type { PromptsOverview, PromptsStore } from '../../stores/promptsStore';

/** A manual edit of the current prompt: saved as a patch version, then A/B tested like a candidate. */
export function PromptEditor({ overview, store, editedBy, busy }: { overview: PromptsOverview; store: PromptsStore; editedBy: string | null; busy: boolean }) {
  const current = overview.versions.find((v) => v.current);
  const [prompt, setPrompt] = useState(current?.prompt ?? '');
  const [negative, setNegative] = useState(current?.negative_prompt ?? '');
  const [note, setNote] = useState('');
  // A new current version (approval, rollback, sync) restarts the edit from its text.
  useEffect(() => {
    setPrompt(current?.prompt ?? '');
    setNegative(current?.negative_prompt ?? '');
  }, [current?.version]);

  const save = (event: React.FormEvent) => {
    event.preventDefault();
    if (editedBy !== null) void store.getState().edit(prompt, negative, editedBy, note).then((ok) => ok && setNote(''));
  };
  return (
    <form className="form-grid" aria-label="Edit the current prompt" onSubmit={save}>
      <label>
        <span>Prompt (phrases separated by commas)</span>
        <textarea value={prompt} onChange={(e) => setPrompt(e.target.value)} rows={3} />
      </label>
      <label>
        <span>Negative prompt</span>
        <textarea value={negative} onChange={(e) => setNegative(e.target.value)} rows={2} />
      </label>
      <label>
        <span>Why this edit</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
      </label>
      <div className="dialog-buttons">
        <button type="submit" disabled={busy || editedBy === null}>
          Save as new version
        </button>
      </div>
    </form>
  );
}
