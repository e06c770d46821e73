import { describe, expect, it } from 'vitest';
import { createPromptsStore, performanceText, testText, type Candidate, type PromptsOverview } from '../../../renderer/stores/promptsStore';
import { fakeApi } from '../renderer/fixtures';

const overview = (current = 'v1.0.0'): PromptsOverview => ({
  current_version: current,
  auto_adopt: false,
  llm_configured: false,
  samples: 10,
  next_evolution_waiting_for: null,
  next_evolution_at_sample: 20,
  running: false,
  decision_rule: 'rule',
  versions: [],
  problems: [],
  evolutions: [],
  decisions: [],
});

const candidate = (change: Partial<Candidate> = {}): Candidate => ({
  id: 'cnd_1',
  variant: 0,
  version: 'v1.1.0',
  status: 'testing',
  prompt: 'p',
  negative_prompt: 'n',
  changes: [],
  reasoning: null,
  expected_improvement: null,
  guardrails: null,
  error: null,
  test: { file: 'prompts/experiments/experiment_001.json', baseline_version: 'v1.0.0', pairs_rated: 2, pairs_target: 5, decision: null },
  decision: null,
  ...change,
});

describe('prompts store', () => {
  it('sends a decision with its note, keeps the overview the host returns, and says what happened', async () => {
    const fake = fakeApi({ 'prompts.decide': () => overview('v1.1.0') });
    const store = createPromptsStore(fake.api);
    expect(await store.getState().decide('cnd_1', 'approve', 'admin@studio', '  looks right ')).toBe(true);
    expect(fake.callsOf('prompts.decide')).toEqual([{ candidate_id: 'cnd_1', decision: 'approve', decided_by: 'admin@studio', note: 'looks right' }]);
    expect(store.getState()).toMatchObject({ notice: 'v1.1.0 is now current.', error: null, busy: false });
  });

  it('shows the host\'s refusal instead of throwing, and changes nothing', async () => {
    const fake = fakeApi({
      'prompts.list': () => overview(),
      'prompts.rollback': () => Promise.reject({ code: 'not_found', message: 'There is no valid prompt version v9.9.9 on this workstation.' }),
    });
    const store = createPromptsStore(fake.api);
    await store.getState().load();
    expect(await store.getState().rollback('v9.9.9', 'admin@studio', '')).toBe(false);
    expect(store.getState()).toMatchObject({ error: 'There is no valid prompt version v9.9.9 on this workstation.', busy: false });
    expect(store.getState().overview!.current_version).toBe('v1.0.0');
  });

  it('never lets a background load that answers late put back the version an admin moved away from', async () => {
    // The load was asked for while v1.1.0 was current; the admin's rollback to v1.0.0 answers first.
    let answerLoad: (o: PromptsOverview) => void = () => {};
    const fake = fakeApi({
      'prompts.list': () => new Promise<PromptsOverview>((resolve) => (answerLoad = resolve)),
      'prompts.rollback': () => overview('v1.0.0'),
    });
    const store = createPromptsStore(fake.api);
    const load = store.getState().load();
    expect(await store.getState().rollback('v1.0.0', 'admin@studio', '')).toBe(true);
    answerLoad(overview('v1.1.0'));
    await load;
    expect(store.getState().overview!.current_version).toBe('v1.0.0');
    // A load asked for after the rollback is shown.
    const next = store.getState().load();
    answerLoad(overview('v1.2.0'));
    await next;
    expect(store.getState().overview!.current_version).toBe('v1.2.0');
  });
});

describe('prompts texts', () => {
  it('describes a test in progress and a decided one', () => {
    expect(testText(candidate())).toBe('Paired test against v1.0.0: 2/5 pairs rated');
    const decided = candidate({
      status: 'won',
      test: {
        file: null,
        baseline_version: 'v1.0.0',
        pairs_rated: 5,
        pairs_target: 5,
        decision: { pairs: 5, mean_difference: 0.8, p_better_rating: 0.987, p_preferred: 0.89, wins: { candidate: 4, current: 0, ties: 1, both_bad: 0 }, verdict: 'candidate_better' },
      },
    });
    expect(testText(decided)).toBe('Paired test against v1.0.0: better — P(higher rating) 99%, P(preferred) 89%, won 4 of 5');
    expect(testText(candidate({ status: 'queued', test: null }))).toBe('Waiting for its paired test');
  });

  it('describes a version\'s performance', () => {
    const version = { performance: { avg_rating: 3.456, sample_count: 12, win_rate: 0.75, last_used: null } } as PromptsOverview['versions'][number];
    expect(performanceText(version)).toBe('3.46 over 12 samples, win rate 75%');
    expect(performanceText({ ...version, performance: { avg_rating: null, sample_count: 0, win_rate: null, last_used: null } })).toBe('no samples yet');
  });
});
