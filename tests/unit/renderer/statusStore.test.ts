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
  type TrainStatus,
} from '../../../renderer/stores/statusStore';
import { fakeApi, queue } from './fixtures';

function status(change: { phase_1?: Partial<TrainStatus['phase_1']>; phase_2?: Partial<TrainStatus['phase_2']> } = {}): TrainStatus {
  return {
    mode: 'structure',
    phase_1: {
      active: true,
      proposer: 'baseline',
      stage: 'model',
      samples_collected: 23,
      target_samples: 50,
      best_rating: 3.8,
      predicted_best_rating: null,
      predicted_interval80: null,
      target_rating: 4,
      convergence: null,
      estimated_trials_remaining: null,
      stop_rule: null,
      override: null,
      ...change.phase_1,
    },
    phase_2: { active: false, training_samples: 0, model_accuracy: null, ready_for_inference: false, ...change.phase_2 },
    prompt_evolution: { active: false, current_version: 'v1.0.0', last_evolution: null, next_evolution_at_sample: 30 },
    current_best: null,
    session: { rater_id: 'ana', rated_today: 0, last_hour: 0, daily_goal: 300, gold: null },
  };
}

describe('status texts', () => {
  it('says "Samples collected: N/50" exactly', () => {
    expect(samplesText(status())).toBe('Samples collected: 23/50');
    expect(samplesText(status({ phase_1: { samples_collected: 0, target_samples: 40 } }))).toBe('Samples collected: 0/40');
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
    evolving.prompt_evolution = { active: true, current_version: 'v1.2.0', last_evolution: '2026-11-26T10:00:00.000Z', next_evolution_at_sample: 40 };
    expect(promptText(evolving)).toBe('Prompt v1.2.0, next evolution at sample 40');
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
});
