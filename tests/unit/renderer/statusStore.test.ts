import { describe, expect, it } from 'vitest';
import type { CallOutput } from '../../../core/api';
import {
  bestRatingText,
  createStatusStore,
  offlineText,
  phase1Text,
  phase2Text,
  promptText,
  queueText,
  samplesText,
} from '../../../renderer/stores/statusStore';
import { statusItems } from '../../../renderer/stores/statusLine';
import { fakeApi, flush, queue, trainStatus } from './fixtures';

const status = trainStatus;

describe('status texts', () => {
  it('says "Samples collected: N/50" exactly', () => {
    expect(samplesText(status())).toBe('Samples collected: 23/50');
    expect(samplesText(status({ phase_1: { samples_collected: 0, target_samples: 40 } }))).toBe('Samples collected: 0/40');
    // Past Phase 1 there is no target to count toward: never "74/50".
    expect(samplesText(status({ phase_1: { samples_collected: 74, target_samples: null, active: false, stop_rule: 'samples' } }))).toBe('Samples collected: 74');
  });

  it('shows the best rating out of 5 or that there is none', () => {
    expect(bestRatingText(status())).toBe('Best rating: 3.8/5.0');
    expect(bestRatingText(status({ phase_1: { best_rating: null } }))).toBe('Best rating: none yet');
    expect(bestRatingText(status({ phase_1: { best_rating: 5, predicted_best_rating: 3.64, predicted_interval80: [3.12, 4.2] } }))).toBe(
      'Best rating: 3.6/5.0 predicted (80%: 3.1–4.2), highest given 5',
    );
  });

  it('names the baseline proposer and a finished phase 1', () => {
    expect(phase1Text(status())).toBe('Phase 1: active, baseline proposer');
    expect(phase1Text(status({ phase_1: { proposer: 'gp', convergence: 0.54 } }))).toBe('Phase 1: active, gp proposer, 54% converged');
    expect(phase1Text(status({ phase_1: { active: false, stop_rule: 'samples' } }))).toBe('Phase 1: complete, enough samples');
    expect(phase1Text(status({ phase_1: { proposer: 'bayesian', stage: 'initial-design', estimated_trials_remaining: 40 } }))).toBe(
      'Phase 1: active, Bayesian optimizer, initial design, ~40 to go',
    );
    expect(phase1Text(status({ phase_1: { active: false, stop_rule: 'admin', override: 'stopped' } }))).toBe('Phase 1: complete, stopped by an admin');
  });

  it('describes phase 2', () => {
    expect(phase2Text(status())).toBe('Phase 2: not active');
    expect(phase2Text(status({ phase_2: { active: true, training_samples: 60 } }))).toMatch(/training on 60 samples/);
    expect(phase2Text(status({ phase_2: { active: true, ready_for_inference: true, model_accuracy: 0.81 } }))).toBe(
      'Phase 2: ready, accuracy 81%',
    );
  });

  it('prompt and queue', () => {
    expect(promptText(status())).toBe('Prompt v1.0.0');
    const evolving = status();
    evolving.prompt_evolution = {
      active: true,
      current_version: 'v1.2.0',
      last_evolution: '2026-11-26T10:00:00.000Z',
      next_evolution_at_sample: 40,
      next_evolution_waiting_for: null,
    };
    expect(promptText(evolving)).toBe('Prompt v1.2.0, next evolution at sample 40');
    // While a candidate is tested no sample is named: never one the count has passed.
    evolving.prompt_evolution = { ...evolving.prompt_evolution, next_evolution_at_sample: null, next_evolution_waiting_for: 'paired_test' };
    expect(promptText(evolving)).toBe('Prompt v1.2.0, next evolution after the paired test');
    expect(statusItems(evolving, null).find((i) => i.key === 'prompt')?.text).toBe('Prompt v1.2.0 · testing a candidate');
    expect(queueText(queue({ ready: 2, generating: 1 }))).toBe('Queue: 2 ready, 1 generating');
  });

  it('says which providers are held and why, the offline pack, and the pairs ready offline', () => {
    const held = queue({ ready: 4, held: [{ provider: 'leonardo', reason: 'at_cap', until: null }], pack: { size: 50, ready: 4, generating: 6 } });
    expect(queueText(held)).toBe('Queue: 4 ready, offline pack 4 of 50 ready; leonardo stopped at its daily budget');
    expect(offlineText(held)).toBe('4 pairs ready offline');
    expect(offlineText(queue({ ready: 1 }))).toBe('1 pair ready offline');
  });
});

describe('status store', () => {
  it('asks the host once when two refreshes of the same mode overlap', async () => {
    const fake = fakeApi({ 'train.status': () => status(), 'queue.state': () => queue() });
    const store = createStatusStore(fake.api);
    await Promise.all([store.getState().refresh('structure'), store.getState().refresh('structure')]);
    expect(fake.callsOf('train.status')).toHaveLength(1);
    await store.getState().refresh('structure');
    expect(fake.callsOf('train.status')).toHaveLength(2);
  });

  it('keeps only the latest refresh when answers arrive out of order', async () => {
    const answers: Record<string, (s: CallOutput<'train.status'>) => void> = {};
    const fake = fakeApi({
      'train.status': (input) => new Promise((resolve) => (answers[input.mode ?? 'structure'] = resolve)),
      'queue.state': () => queue(),
    });
    const store = createStatusStore(fake.api);
    const first = store.getState().refresh('structure');
    const second = store.getState().refresh('surfaces');
    answers.surfaces?.({ ...status(), mode: 'surfaces' });
    await second;
    answers.structure?.(status());
    await first;
    expect(store.getState().status?.mode).toBe('surfaces');
  });

  const answer = (samples: number) => ({ samples_collected: samples, status: status({ phase_1: { samples_collected: samples } }), next: { experiment: null, upcoming: [], queue: queue({ ready: 3 }) } });
  const change = (samples: number) => ({ mode: 'structure' as const, samples_collected: samples });

  it("shows a rating's answer as it is and asks nothing more for its own statusChanged, before or after the answer", async () => {
    const fake = fakeApi({ 'train.status': () => status(), 'queue.state': () => queue() });
    const store = createStatusStore(fake.api);
    // The event arrives after the answer.
    store.getState().ratingSent();
    store.getState().rated(answer(24));
    expect(samplesText(store.getState().status!)).toBe('Samples collected: 24/50');
    expect(store.getState().queue?.ready).toBe(3);
    store.getState().statusChanged(change(24), 'structure');
    // The event arrives while the rating is still being saved.
    store.getState().ratingSent();
    store.getState().statusChanged(change(26), 'structure');
    store.getState().rated(answer(26));
    await flush();
    expect(fake.callsOf('train.status')).toHaveLength(0);
    expect(fake.callsOf('queue.state')).toHaveLength(0);
    expect(store.getState().status?.phase_1.samples_collected).toBe(26);
  });

  it('asks again for a statusChanged that came from elsewhere, also one seen while a rating was saved', async () => {
    const fake = fakeApi({ 'train.status': () => status({ phase_2: { training_samples: 26 } }), 'queue.state': () => queue() });
    const store = createStatusStore(fake.api);
    store.getState().ratingSent();
    store.getState().rated(answer(24));
    // The first is the echo of the answer; the second, with the same samples, a training run that ended.
    store.getState().statusChanged(change(24), 'structure');
    store.getState().statusChanged(change(24), 'structure');
    await flush();
    expect(fake.callsOf('train.status')).toHaveLength(1);
    // A sync pulled two samples while a rating was being saved.
    store.getState().ratingSent();
    store.getState().statusChanged(change(28), 'structure');
    store.getState().statusChanged(change(26), 'structure');
    expect(fake.callsOf('train.status')).toHaveLength(1);
    store.getState().rated(answer(26));
    await flush();
    expect(fake.callsOf('train.status')).toHaveLength(2);
    // A failed rating leaves every event it held to be answered.
    store.getState().ratingSent();
    store.getState().statusChanged(change(30), 'structure');
    store.getState().rated(null);
    await flush();
    expect(fake.callsOf('train.status')).toHaveLength(3);
    // Another mode's change is not the one shown.
    store.getState().statusChanged({ mode: 'surfaces', samples_collected: 2 }, 'structure');
    await flush();
    expect(fake.callsOf('train.status')).toHaveLength(3);
  });

  it('drops a refresh still on its way when a newer rating answer arrived', async () => {
    let answerStatus: (s: CallOutput<'train.status'>) => void = () => undefined;
    const fake = fakeApi({ 'train.status': () => new Promise((resolve) => (answerStatus = resolve)), 'queue.state': () => queue() });
    const store = createStatusStore(fake.api);
    const refreshing = store.getState().refresh('structure');
    store.getState().ratingSent();
    store.getState().rated(answer(24));
    answerStatus(status({ phase_1: { samples_collected: 22 } }));
    await refreshing;
    expect(store.getState().status?.phase_1.samples_collected).toBe(24);
  });
});
