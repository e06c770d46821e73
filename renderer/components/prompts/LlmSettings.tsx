import { useEffect, useState } from 'react';
import type { LlmConfigView, LlmTestResult, PromptsStore } from '../../stores/promptsStore';

/**
 * Which OpenAI-compatible server evolves prompts (OpenAI, Ollama, LM Studio, vLLM). The key goes to
 * the system keychain (a file only you can read in the browser host) and is never shown again.
 */
export function LlmSettings({ llm, test, busy, store }: { llm: LlmConfigView | null; test: LlmTestResult | null; busy: boolean; store: PromptsStore }) {
  const [baseUrl, setBaseUrl] = useState('');
  const [model, setModel] = useState('');
  const [timeout, setTimeoutS] = useState('60');
  const [key, setKey] = useState('');
  useEffect(() => {
    if (llm === null) return;
    setBaseUrl(llm.base_url ?? '');
    setModel(llm.model ?? '');
    setTimeoutS(String(llm.timeout_s));
  }, [llm]);

  const save = (event: React.FormEvent) => {
    event.preventDefault();
    void store
      .getState()
      .configureLlm({ llm: { base_url: baseUrl.trim(), model: model.trim(), timeout_s: Number(timeout), ...(key ? { api_key: key } : {}) } })
      .then((ok) => ok && setKey(''));
  };

  return (
    <form className="form-grid llm-settings" aria-label="LLM settings" onSubmit={save}>
      <p className="muted">
        {llm?.configured ? `Evolutions ask ${llm.model} at ${llm.base_url}.` : 'No LLM set up: evolutions use the offline evolver (no network needed).'}
      </p>
      <label>
        <span>Base URL</span>
        <input value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://api.openai.com/v1 or http://localhost:11434/v1" autoComplete="off" />
      </label>
      <label>
        <span>Model</span>
        <input value={model} onChange={(e) => setModel(e.target.value)} placeholder="gpt-4o-mini" autoComplete="off" />
      </label>
      <label>
        <span>Timeout in seconds</span>
        <input value={timeout} onChange={(e) => setTimeoutS(e.target.value)} inputMode="numeric" />
      </label>
      <label>
        <span>API key {llm?.has_key ? '(stored; leave empty to keep)' : '(empty for a local server)'}</span>
        <input value={key} onChange={(e) => setKey(e.target.value)} type="password" autoComplete="new-password" />
      </label>
      {test && (
        <p role="status" aria-label="LLM connection test">
          {test.ok ? `Connection OK: ${test.message}` : `Connection failed: ${test.message} ${test.action ?? ''}`}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="submit" disabled={busy}>
          Save LLM settings
        </button>
        <button type="button" disabled={busy || !llm?.configured} onClick={() => void store.getState().testLlm()}>
          Test connection
        </button>
        <button type="button" disabled={busy || !llm?.configured} onClick={() => void store.getState().configureLlm({ llm: null })}>
          Remove LLM
        </button>
      </div>
    </form>
  );
}
