import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, CallInput, CallOutput } from '../../core/api';
import { busyCaller } from './busyCaller';
import { errorText } from './errorText';

// The Prompts page (admins): versions and their performance, evolutions and candidates, decisions,
// the word diff between two versions, and the LLM settings. Side effects only through the client.

export type PromptsOverview = CallOutput<'prompts.list'>;
export type PromptsDiff = CallOutput<'prompts.diff'>;
export type LlmConfigView = CallOutput<'prompts.getLlmConfig'>;
export type LlmTestResult = CallOutput<'prompts.testLlm'>;
export type Evolution = PromptsOverview['evolutions'][number];
export type Candidate = Evolution['candidates'][number];
export type VersionSummary = PromptsOverview['versions'][number];

export interface PromptsState {
  overview: PromptsOverview | null;
  diff: PromptsDiff | null;
  llm: LlmConfigView | null;
  llmTest: LlmTestResult | null;
  busy: boolean;
  /** The last failed action's message, as the host wrote it. */
  error: string | null;
  /** A short confirmation of the last action, for the live region. */
  notice: string | null;
}

export interface PromptsActions {
  load(): Promise<void>;
  evolve(requestedBy: string): Promise<void>;
  edit(prompt: string, negativePrompt: string, editedBy: string, note: string): Promise<boolean>;
  decide(candidateId: string, decision: 'approve' | 'reject', decidedBy: string, note: string): Promise<boolean>;
  rollback(version: string, decidedBy: string, note: string): Promise<boolean>;
  compare(from: string, to: string): Promise<void>;
  setAutoAdopt(on: boolean): Promise<void>;
  loadLlm(): Promise<void>;
  configureLlm(input: CallInput<'prompts.configureLlm'>): Promise<boolean>;
  testLlm(): Promise<void>;
}

export type PromptsStore = StoreApi<PromptsState & PromptsActions>;

export function createPromptsStore(api: ApiClient): PromptsStore {
  return createStore<PromptsState & PromptsActions>()((set, get) => {
    // Overviews come from background loads (one per promptsChanged event) and from the admin's
    // actions, and the answers can arrive out of order. An action's answer is always shown; a
    // load's only if nothing asked for later is on screen, so a late load never puts back the
    // version an admin has just moved away from.
    let asked = 0;
    let shown = 0;
    const show = (ticket: number, overview: PromptsOverview, action: boolean) => {
      if (!action && ticket <= shown) return;
      shown = Math.max(shown, ticket);
      set({ overview });
    };
    const run = busyCaller(set);
    const withNote = (note: string) => (note.trim() ? { note: note.trim() } : {});
    return {
      overview: null,
      diff: null,
      llm: null,
      llmTest: null,
      busy: false,
      error: null,
      notice: null,
      load: async () => {
        const ticket = ++asked;
        try {
          show(ticket, await api.call('prompts.list', {}), false);
        } catch (error) {
          set({ error: errorText(error) });
        }
      },
      evolve: async (requestedBy) => {
        const started = await run(() => api.call('prompts.evolve', { requested_by: requestedBy }));
        if (started) {
          set({ notice: 'Evolution started. Its candidates appear below when it finishes.' });
          await get().load();
        }
      },
      edit: async (prompt, negativePrompt, editedBy, note) => {
        const ticket = ++asked;
        const overview = await run(() => api.call('prompts.edit', { prompt, negative_prompt: negativePrompt, edited_by: editedBy, ...withNote(note) }));
        if (overview) {
          show(ticket, overview, true);
          set({ notice: 'Saved as a new version; it is tested against the current one in the next pairs.' });
        }
        return overview !== null;
      },
      decide: async (candidateId, decision, decidedBy, note) => {
        const ticket = ++asked;
        const overview = await run(() => api.call('prompts.decide', { candidate_id: candidateId, decision, decided_by: decidedBy, ...withNote(note) }));
        if (overview) {
          show(ticket, overview, true);
          set({ notice: decision === 'approve' ? `${overview.current_version} is now current.` : 'Candidate rejected.' });
        }
        return overview !== null;
      },
      rollback: async (version, decidedBy, note) => {
        const ticket = ++asked;
        const overview = await run(() => api.call('prompts.rollback', { version, decided_by: decidedBy, ...withNote(note) }));
        if (overview) {
          show(ticket, overview, true);
          set({ notice: `Rolled back: ${overview.current_version} is now current.` });
        }
        return overview !== null;
      },
      compare: async (from, to) => {
        const diff = await run(() => api.call('prompts.diff', { from, to }));
        if (diff) set({ diff });
      },
      setAutoAdopt: async (on) => {
        const settings = await run(() => api.call('settings.update', { prompt_auto_adopt: on }));
        if (settings) await get().load();
      },
      loadLlm: async () => {
        try {
          set({ llm: await api.call('prompts.getLlmConfig', {}) });
        } catch (error) {
          set({ error: errorText(error) });
        }
      },
      configureLlm: async (input) => {
        const llm = await run(() => api.call('prompts.configureLlm', input));
        if (llm) set({ llm, llmTest: null, notice: llm.configured ? 'LLM settings saved. The key is kept in the system keychain.' : 'LLM removed: the offline evolver is used.' });
        return llm !== null;
      },
      testLlm: async () => {
        const llmTest = await run(() => api.call('prompts.testLlm', {}));
        if (llmTest) set({ llmTest });
      },
    };
  });
}

const pct = (p: number) => `${Math.round(p * 100)}%`;

/** One line about a candidate's paired test, for its card. */
export function testText(candidate: Candidate): string | null {
  const test = candidate.test;
  if (test === null) return candidate.status === 'queued' ? 'Waiting for its paired test' : null;
  const d = test.decision;
  if (d === null) return `Paired test against ${test.baseline_version}: ${test.pairs_rated}/${test.pairs_target} pairs rated`;
  const verdict = d.verdict === 'candidate_better' ? 'better' : 'not better';
  return `Paired test against ${test.baseline_version}: ${verdict} — P(higher rating) ${pct(d.p_better_rating)}, P(preferred) ${pct(d.p_preferred)}, won ${d.wins.candidate} of ${d.pairs}`;
}

export function performanceText(v: VersionSummary): string {
  const p = v.performance;
  if (p.sample_count === 0 || p.avg_rating === null) return 'no samples yet';
  const win = p.win_rate === null ? '' : `, win rate ${pct(p.win_rate)}`;
  return `${p.avg_rating.toFixed(2)} over ${p.sample_count} samples${win}`;
}

export const TRIGGER_TEXT: Record<Evolution['trigger'], string> = {
  every_10_samples: 'every 10 samples',
  low_performance: 'low performance',
  plateau: 'plateau',
  manual: 'Evolve now',
};
