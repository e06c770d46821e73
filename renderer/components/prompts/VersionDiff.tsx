import { useState } from 'react';
import { Options } from '../Small';
import type { PromptsDiff, PromptsOverview, PromptsStore } from '../../stores/promptsStore';

function Parts({ label, parts }: { label: string; parts: PromptsDiff['prompt'] }) {
  return (
    <p className="diff" aria-label={label}>
      {parts.map((part, i) =>
        part.op === 'same' ? <span key={i}>{part.text} </span> : part.op === 'added' ? <ins key={i}>{part.text} </ins> : <del key={i}>{part.text} </del>,
      )}
    </p>
  );
}

/** A word-level diff between any two versions (removed words struck through, added ones underlined). */
export function VersionDiff({ overview, diff, store }: { overview: PromptsOverview; diff: PromptsDiff | null; store: PromptsStore }) {
  const names = overview.versions.map((v) => v.version);
  const [from, setFrom] = useState(names.at(-1) ?? '');
  const [to, setTo] = useState(overview.current_version);
  return (
    <div className="version-diff">
      <label className="field-inline">
        <span>Compare</span>
        <select value={from} onChange={(event) => setFrom(event.target.value)}>
          <Options values={names} />
        </select>
      </label>
      <label className="field-inline">
        <span>with</span>
        <select value={to} onChange={(event) => setTo(event.target.value)}>
          <Options values={names} />
        </select>
      </label>
      <button type="button" onClick={() => void store.getState().compare(from, to)}>
        Show differences
      </button>
      {diff && (
        <>
          <Parts label={`Prompt changes from ${diff.from} to ${diff.to}`} parts={diff.prompt} />
          <Parts label={`Negative prompt changes from ${diff.from} to ${diff.to}`} parts={diff.negative_prompt} />
        </>
      )}
    </div>
  );
}
