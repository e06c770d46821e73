import { describe, expect, it } from 'vitest';
import { observationsOf } from '../../../core/learning/phase1';
import type { RatedOption } from '../../../core/store';

const option = (rating_id: string, label: 'A' | 'B', init_strength: number, rating: number, prompt_version: string): RatedOption => ({
  rating_id,
  experiment_id: `exp_${rating_id}`,
  mode: 'structure',
  label,
  provider: 'local',
  parameters: { api: 'local', init_strength, guidance_scale: 7, controlnet_weight: 0.9 },
  prompt_version,
  rating,
  comment: '',
  outcome: 'B',
  rated_by: 'ana',
  answered_at: '2026-01-01T00:00:00Z',
});

describe('the optimizer and paired prompt tests', () => {
  it('learns ratings but no preference from a pair that shows one point with two prompts', () => {
    const { ratings, preferences } = observationsOf(
      [option('r1', 'A', 0.3, 3, 'v1.0.0'), option('r1', 'B', 0.3, 5, 'v1.1.0'), option('r2', 'A', 0.2, 2, 'v1.0.0'), option('r2', 'B', 0.4, 4, 'v1.0.0')],
      ['local'],
    );
    expect(ratings).toHaveLength(4);
    expect(preferences).toHaveLength(1);
    expect(preferences[0]!.a.init_strength).toBeCloseTo(0.2);
  });
});
