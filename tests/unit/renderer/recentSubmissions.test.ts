import { describe, expect, it } from 'vitest';
import { markUndone, recordSubmission, RECENT_LIMIT, type Submission } from '../../../renderer/stores/recentSubmissions';

const entry = (id: string, undone = false): Submission => ({
  experimentId: id,
  sourceName: `${id}.png`,
  ratings: { A: 4, B: 3 },
  comments: { A: '', B: '' },
  outcomeOverride: null,
  undone,
});

describe('recent submissions', () => {
  it('keeps the newest few, newest first', () => {
    let list: Submission[] = [];
    for (let i = 0; i < RECENT_LIMIT + 2; i++) list = recordSubmission(list, entry(`e${i}`));
    expect(list.map((s) => s.experimentId)).toEqual(['e6', 'e5', 'e4', 'e3', 'e2']);
  });

  it('a pair rated again after its undo replaces the undone entry', () => {
    const list = recordSubmission([entry('e2'), entry('e1', true)], entry('e1'));
    expect(list.map((s) => [s.experimentId, s.undone])).toEqual([['e1', false], ['e2', false]]);
  });

  it('marks the undone pair and hands back what to restore; an unknown pair restores nothing', () => {
    const { list, restore } = markUndone([entry('e2'), entry('e1')], 'e2');
    expect(restore?.experimentId).toBe('e2');
    expect(list.map((s) => s.undone)).toEqual([true, false]);
    expect(markUndone(list, 'elsewhere').restore).toBeNull();
    expect(markUndone(list, 'e2').restore).toBeNull();
  });
});
