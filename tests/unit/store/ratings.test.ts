import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../core/store';
import { readyPair as readyPairIn } from '../../helpers/store';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());

let store: Store;
let n = 0;
let clock = 0;
const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString();

const readyPair = (id: string, source?: string) => readyPairIn(store, id, source);

const rating = (id: string, experiment_id: string, rated_by = 'ana@studio') => ({
  id,
  experiment_id,
  rated_by,
  outcome: 'B' as const,
  rating_a: 2,
  comment_a: 'flat',
  rating_b: 4,
  comment_b: 'good depth',
  shown_at: null,
  details_shown: 0 as const,
  answered_at: now(),
});

beforeEach(() => {
  store = openStore(`${dir.path}/ratings-${n++}.sqlite`, { now });
});

describe('ratings', () => {
  it('writes the rating, the pair status and an outbox row together', () => {
    readyPair('exp_1');
    const outboxBefore = store.outbox.pendingCount();
    store.ratings.rate(rating('rat_1', 'exp_1'));
    expect(store.experiments.get('exp_1')!.status).toBe('rated');
    expect(store.outbox.peek(10).at(-1)).toMatchObject({ entity: 'rating', entity_id: 'rat_1' });
    expect(store.outbox.pendingCount()).toBe(outboxBefore + 1);
    expect(store.ratings.samplesCollected('structure')).toBe(2);
    expect(store.ratings.ratedOptions({ mode: 'structure' }).map((o) => [o.label, o.rating, o.comment])).toEqual([
      ['A', 2, 'flat'],
      ['B', 4, 'good depth'],
    ]);
  });

  it('reads the rated options of the latest ratings only, in rating order, without undone ratings or excluded raters', () => {
    for (let i = 1; i <= 6; i++) readyPair(`exp_${i}`);
    for (let i = 1; i <= 4; i++) store.ratings.rate(rating(`rat_${i}`, `exp_${i}`));
    store.ratings.rate(rating('rat_bo', 'exp_5', 'bo@studio'));
    store.ratings.rate(rating('rat_6', 'exp_6'));
    store.ratings.undoLast('ana@studio', 'rat_undo');
    store.settings.set('excluded_raters', ['bo@studio']);
    const recent = (n: number) => [...new Set(store.ratings.recentRatedOptions(n).map((o) => o.rating_id))];
    // rat_6 was undone and bo@studio is excluded: the latest two that count are rat_3 and rat_4.
    expect(recent(2)).toEqual(['rat_3', 'rat_4']);
    expect(recent(10)).toEqual(['rat_1', 'rat_2', 'rat_3', 'rat_4']);
    expect(store.ratings.recentRatedOptions(1).map((o) => [o.label, o.rating, o.comment])).toEqual([
      ['A', 2, 'flat'],
      ['B', 4, 'good depth'],
    ]);
    // The same rows as the whole table's, for the ratings the window holds.
    expect(store.ratings.recentRatedOptions(10)).toEqual(store.ratings.ratedOptions());
  });

  it('reads the latest ratings as of a point: ratings written after it are left out, undone ones too', () => {
    for (let i = 1; i <= 4; i++) readyPair(`exp_${i}`);
    store.ratings.rate(rating('rat_1', 'exp_1'));
    store.ratings.rate(rating('rat_2', 'exp_2', 'bo@studio'));
    const asked = store.ratings.lastWritten();
    store.ratings.rate(rating('rat_3', 'exp_3'));
    store.ratings.undoLast('bo@studio', 'rat_undo');
    const recent = (n: number, upTo?: number) => [...new Set(store.ratings.recentRatedOptions(n, upTo).map((o) => o.rating_id))];
    expect(recent(10, asked)).toEqual(['rat_1']);
    expect(recent(10)).toEqual(['rat_1', 'rat_3']);
    expect(store.ratings.lastWritten()).toBeGreaterThan(asked);
  });

  it('refuses to rate a pair twice and writes nothing the second time', () => {
    readyPair('exp_1');
    store.ratings.rate(rating('rat_1', 'exp_1'));
    const outbox = store.outbox.pendingCount();
    expect(() => store.ratings.rate(rating('rat_2', 'exp_1'))).toThrow(/already rated/);
    expect(store.outbox.pendingCount()).toBe(outbox);
    expect(store.forTests().prepare('SELECT count(*) AS n FROM ratings').get()).toEqual({ n: 1 });
  });

  it('keeps ratings immutable at the database level', () => {
    readyPair('exp_1');
    store.ratings.rate(rating('rat_1', 'exp_1'));
    expect(() => store.forTests().prepare('UPDATE ratings SET rating_a = 5').run()).toThrow(/immutable/);
    expect(() => store.forTests().prepare('DELETE FROM ratings').run()).toThrow(/immutable/);
    expect(() =>
      store.forTests().prepare("INSERT INTO ratings (id, experiment_id, kind, rated_by, outcome, rating_a, rating_b, answered_at) VALUES ('x', 'exp_1', 'rating', 'a', 'A', 6, 1, 'now')").run(),
    ).toThrow(/CHECK/);
  });

  it('undo supersedes the latest rating of that rater and puts the pair first in the queue', () => {
    readyPair('exp_1');
    readyPair('exp_2');
    readyPair('exp_3');
    store.ratings.rate(rating('rat_1', 'exp_1'));
    store.ratings.rate(rating('rat_2', 'exp_2'));
    store.ratings.rate(rating('rat_other', 'exp_3', 'bo@studio'));
    const undone = store.ratings.undoLast('ana@studio', 'rat_undo');
    expect(undone?.id).toBe('rat_2');
    expect(store.forTests().prepare('SELECT count(*) AS n FROM ratings').get()).toEqual({ n: 4 });
    expect(store.ratings.effectiveRating('exp_2')).toBeUndefined();
    expect(store.ratings.effectiveRating('exp_1')?.id).toBe('rat_1');
    expect(store.experiments.queueHead('structure')?.id).toBe('exp_2');
    expect(store.ratings.samplesCollected('structure')).toBe(4);
    // The pair can be rated again, and the new rating is the effective one.
    store.ratings.rate({ ...rating('rat_3', 'exp_2'), rating_a: 5 });
    expect(store.ratings.effectiveRating('exp_2')?.rating_a).toBe(5);
    expect(store.outbox.peek(100).map((r) => r.entity)).toEqual(
      expect.arrayContaining(['rating', 'retraction']),
    );
  });

  it('gives the highest effective rating of a mode without loading the rows, and forgets an undone one', () => {
    expect(store.ratings.bestRating('structure')).toBeNull();
    readyPair('exp_1');
    readyPair('exp_2');
    store.ratings.rate(rating('rat_1', 'exp_1'));
    store.ratings.rate({ ...rating('rat_2', 'exp_2'), rating_a: 5 });
    expect(store.ratings.bestRating('structure')).toBe(5);
    expect(store.ratings.bestRating('surfaces')).toBeNull();
    store.ratings.undoLast('ana@studio', 'rat_undo');
    expect(store.ratings.bestRating('structure')).toBe(4);
  });

  it('undo with nothing to undo returns null and writes nothing', () => {
    expect(store.ratings.undoLast('nobody', 'rat_x')).toBeNull();
    expect(store.forTests().prepare('SELECT count(*) AS n FROM ratings').get()).toEqual({ n: 0 });
  });

  it('skip records the reason and takes the pair out of the queue', () => {
    readyPair('exp_1');
    store.ratings.skip('skp_1', 'exp_1', 'ana@studio', 'Both identical');
    expect(store.experiments.get('exp_1')!.status).toBe('skipped');
    expect(store.ratings.skipOf('exp_1')).toMatchObject({ reason: 'Both identical' });
    expect(store.experiments.queueHead('structure')).toBeUndefined();
    expect(() => store.ratings.rate(rating('rat_1', 'exp_1'))).toThrow(/skipped/);
  });

  it('history filters by minimum rating and api', () => {
    readyPair('exp_1');
    readyPair('exp_2');
    store.ratings.rate(rating('rat_1', 'exp_1'));
    store.ratings.rate({ ...rating('rat_2', 'exp_2'), rating_a: 1, rating_b: 2 });
    expect(store.history.list({ limit: 10 }).map((r) => r.id)).toEqual(['exp_2', 'exp_1']);
    expect(store.history.list({ limit: 10, min_rating: 4 }).map((r) => r.id)).toEqual(['exp_1']);
    expect(store.history.list({ limit: 10, api: 'leonardo' })).toEqual([]);
    expect(store.history.list({ limit: 1 })).toHaveLength(1);
  });
});
