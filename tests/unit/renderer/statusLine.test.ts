import { describe, expect, it } from 'vitest';
import { statusItems } from '../../../renderer/stores/statusLine';
import type { TrainStatus } from '../../../renderer/stores/statusStore';
import { queue } from './fixtures';

const base: TrainStatus = {
  mode: 'structure',
  phase_1: {
    active: true,
    proposer: 'bayesian',
    stage: 'initial-design',
    samples_collected: 3,
    target_samples: 50,
    best_rating: 4,
    predicted_best_rating: 3.64,
    predicted_interval80: [3.12, 4.2],
    target_rating: 4,
    convergence: null,
    estimated_trials_remaining: 47,
    stop_rule: null,
    override: null,
  },
  phase_2: { active: true, training_samples: 12, model_accuracy: null, ready_for_inference: false },
  prompt_evolution: { active: true, current_version: 'v1.0.0', last_evolution: null, next_evolution_at_sample: 10, next_evolution_waiting_for: null },
  current_best: null,
  session: { rater_id: 'ana', rated_today: 0, last_hour: 0, daily_goal: 300, gold: null },
};

describe('status line', () => {
  it('keeps each item short, with the full wording beside it for the tooltip', () => {
    const items = statusItems(base, queue({ ready: 2 }));
    expect(items.map((i) => i.text)).toEqual([
      'Samples collected: 3/50',
      'Best: 3.6 predicted (3.1–4.2)',
      'Phase 1: initial design, ~47 to go',
      'Phase 2: learning (12 samples)',
      'Prompt v1.0.0 · evolves at 10',
      'Queue: 2 ready',
    ]);
    expect(items[2]!.full).toBe('Phase 1: active, Bayesian optimizer, initial design, ~47 to go');
    expect(items[3]!.full).toBe('Phase 2: training on 12 samples (not ready for inference)');
  });

  it('short forms for finished and idle phases', () => {
    const done: TrainStatus = {
      ...base,
      phase_1: { ...base.phase_1, active: false, stop_rule: 'samples' },
      phase_2: { ...base.phase_2, ready_for_inference: true, model_accuracy: 0.781 },
    };
    const texts = statusItems(done, null).map((i) => i.text);
    expect(texts).toContain('Phase 1: complete');
    expect(texts).toContain('Phase 2: ready, 78%');
    expect(texts).toHaveLength(5);
  });
});
