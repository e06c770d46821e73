import { describe, expect, it } from 'vitest';
import { analyzeCommonIssues } from '../../../core/prompts/issues';

const option = (rating: number, comment: string, i = 0) => ({ experiment_id: `exp_${i}`, rating, comment });

describe('analyzeCommonIssues', () => {
  it('counts the complaints of low-rated options only, most frequent first', () => {
    const issues = analyzeCommonIssues([
      option(1, 'Looks flat, like a montage'),
      option(2, 'flat and the lighting is fake'),
      option(2, 'No depth at all, flat'),
      option(5, 'flat but lovely'),
      option(3, 'lighting off'),
      option(1, ''),
    ]);
    expect(issues[0]).toEqual({ issue: 'Flat/montage appearance', count: 3 });
    expect(issues).toContainEqual({ issue: 'Lack of depth', count: 1 });
    expect(issues).toContainEqual({ issue: 'Unrealistic lighting', count: 1 });
    expect(issues).toContainEqual({ issue: 'Plastic or CGI look', count: 1 });
  });

  it('reports a word trainers repeat outside the known complaints, as they wrote it', () => {
    const issues = analyzeCommonIssues([option(1, 'weird smears on the rug'), option(2, 'smears everywhere'), option(2, 'odd')]);
    expect(issues).toEqual([{ issue: '"smears" (trainers\' word)', count: 2 }]);
  });

  it('has nothing to report without low ratings', () => {
    expect(analyzeCommonIssues([option(4, 'flat')])).toEqual([]);
  });
});
