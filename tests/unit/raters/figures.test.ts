import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../core/optimizer';
import { flagRaters, raterFigures, type RaterAnswer } from '../../../core/raters';

const answer = (over: Partial<RaterAnswer> & Pick<RaterAnswer, 'rater' | 'item'>): RaterAnswer => ({
  swapped: false,
  ratingA: 3,
  ratingB: 3,
  outcome: 'tie',
  seconds: 10,
  brokenSide: null,
  ...over,
});

const figuresOf = (answers: RaterAnswer[], rater: string) => raterFigures(answers).raters.find((r) => r.rater === rater)!;

describe('per-rater figures', () => {
  it('gold accuracy counts the intact side chosen or rated higher, on gold pairs only', () => {
    const f = figuresOf(
      [
        answer({ rater: 'r', item: 'g1', brokenSide: 'A', outcome: 'B' }),
        answer({ rater: 'r', item: 'g2', brokenSide: 'B', outcome: 'A' }),
        answer({ rater: 'r', item: 'g3', brokenSide: 'A', outcome: 'both_bad', ratingA: 1, ratingB: 2 }),
        answer({ rater: 'r', item: 'g4', brokenSide: 'A', outcome: 'A', ratingA: 1, ratingB: 4 }),
        answer({ rater: 'r', item: 'n1', outcome: 'A' }),
      ],
      'r',
    );
    expect(f.gold).toMatchObject({ successes: 3, n: 4, value: 0.75 });
  });

  it('self-consistency reads a swapped repeat in its item orientation', () => {
    const f = figuresOf(
      [
        answer({ rater: 'r', item: 'x', outcome: 'A', ratingA: 5, ratingB: 2 }),
        answer({ rater: 'r', item: 'x', swapped: true, outcome: 'B', ratingA: 2, ratingB: 4 }),
        answer({ rater: 'r', item: 'y', outcome: 'A' }),
        answer({ rater: 'r', item: 'y', swapped: true, outcome: 'A' }),
      ],
      'r',
    );
    expect(f.selfConsistency).toMatchObject({ successes: 1, n: 2 });
    // x: |5-4| and |2-2| → 0.5; y: 0 → mean 0.25.
    expect(f.repeatRatingDifference).toBeCloseTo(0.25, 10);
  });

  it('agreement compares with the median of the other raters, sides swapped or not', () => {
    const items = ['p', 'q', 'r', 's', 't'];
    const truth: [number, number][] = [[1, 5], [2, 4], [3, 3], [4, 2], [5, 1]];
    const answers = items.flatMap((item, i) => {
      const [a, b] = truth[i]!;
      return [
        answer({ rater: 'me', item, ratingA: a, ratingB: b, outcome: a > b ? 'A' : a < b ? 'B' : 'tie' }),
        answer({ rater: 'you', item, swapped: true, ratingA: b, ratingB: a, outcome: a > b ? 'B' : a < b ? 'A' : 'tie' }),
      ];
    });
    const me = figuresOf(answers, 'me');
    expect(me.agreement.value).toBeCloseTo(1, 10);
    expect(me.agreement.values).toBe(20);
    expect(me.outcomeAgreement).toMatchObject({ successes: 5, n: 5 });
    const contrary = answers.map((a) => (a.rater === 'you' ? { ...a, ratingA: 6 - a.ratingA, ratingB: 6 - a.ratingB } : a));
    expect(figuresOf(contrary, 'me').agreement.value!).toBeLessThan(0);
  });

  it('overlap figures count only the items offered to a second trainer', () => {
    const shared = (item: string, overlap: boolean, mine: [number, number], yours: [number, number]) => [
      answer({ rater: 'me', item, overlap, ratingA: mine[0], ratingB: mine[1], outcome: mine[0] > mine[1] ? 'A' : 'B' }),
      // The copy showed the pair with its sides swapped.
      answer({ rater: 'you', item, overlap, swapped: true, ratingA: yours[1], ratingB: yours[0], outcome: yours[0] > yours[1] ? 'B' : 'A' }),
    ];
    const answers = [
      ...shared('o1', true, [5, 1], [5, 1]),
      ...shared('o2', true, [1, 4], [1, 4]),
      ...shared('o3', true, [4, 2], [2, 4]),
      // Shared some other way (not through overlap): in the agreement, not in the overlap figures.
      ...shared('x', false, [5, 1], [1, 5]),
      answer({ rater: 'me', item: 'alone', overlap: true }),
    ];
    const me = figuresOf(answers, 'me');
    expect(me.overlap.pairs).toBe(3);
    expect(me.overlap.alpha.units).toBe(6);
    expect(me.overlap.outcomeAgreement).toMatchObject({ successes: 2, n: 3 });
    expect(me.outcomeAgreement).toMatchObject({ successes: 2, n: 4 });
    expect(me.overlap.alpha.value!).toBeGreaterThan(me.agreement.value!);
    expect(figuresOf(answers.filter((a) => a.overlap !== true), 'me').overlap).toMatchObject({ pairs: 0, alpha: { value: null, units: 0 } });
  });

  it('left choice counts decisive outcomes only, with the exact binomial p', () => {
    const answers = [
      ...Array.from({ length: 9 }, (_, i) => answer({ rater: 'r', item: `l${i}`, outcome: 'A' })),
      answer({ rater: 'r', item: 'r0', outcome: 'B' }),
      answer({ rater: 'r', item: 't0', outcome: 'tie' }),
    ];
    expect(figuresOf(answers, 'r').leftChoice).toMatchObject({ successes: 9, n: 10 });
    expect(figuresOf(answers, 'r').leftChoice.p).toBeCloseTo(22 / 1024, 10);
  });

  it('median seconds per rater and for the team, skipping answers without a showing time', () => {
    const team = raterFigures([
      answer({ rater: 'a', item: '1', seconds: 2 }),
      answer({ rater: 'a', item: '2', seconds: 4 }),
      answer({ rater: 'b', item: '3', seconds: 10 }),
      answer({ rater: 'b', item: '4', seconds: null }),
    ]);
    expect(team.raters[0]!.medianSeconds).toEqual({ value: 3, n: 2 });
    expect(team.raters[1]!.medianSeconds).toEqual({ value: 10, n: 1 });
    expect(team.teamMedianSeconds).toEqual({ value: 4, n: 3 });
  });
});

describe('α interval', () => {
  it('a seeded bootstrap brackets α, and the flag needs the whole interval below 0.667', () => {
    // Ten pairs: the raters agree on B, and on A every other pair differs by three points (α 0.52).
    const answers = Array.from({ length: 10 }, (_, i) => {
      const a = 1 + (i % 5);
      const b = 1 + ((i * 2) % 5);
      const off = i % 2 === 0 ? 3 : 0;
      return [
        answer({ rater: 'x', item: `i${i}`, ratingA: a, ratingB: b }),
        answer({ rater: 'y', item: `i${i}`, ratingA: a + off > 5 ? a - off : a + off, ratingB: b }),
      ];
    }).flat();
    const x = raterFigures(answers, mulberry32(7)).raters[0]!;
    expect(x.agreement.low!).toBeLessThan(x.agreement.value!);
    expect(x.agreement.high!).toBeGreaterThan(x.agreement.value!);
    expect(raterFigures(answers).raters[0]!.agreement.low).toBeNull();
    const report = (random?: () => number) => flagRaters(raterFigures(answers, random)).raters[0]!.flags.map((f) => f.code);
    expect(x.agreement.value!).toBeLessThan(0.667);
    expect(x.agreement.high!).toBeGreaterThan(0.667);
    expect(report()).toEqual(['low_agreement']);
    expect(report(mulberry32(7))).toEqual([]);
  });
});

describe('flags', () => {
  const honest = (rater: string, i: number, seconds: number) => {
    const a = 1 + ((i * 7) % 5);
    const b = 1 + ((i * 3 + 2) % 5);
    return answer({ rater, item: `i${i}`, ratingA: a, ratingB: b, outcome: a > b ? 'A' : a < b ? 'B' : 'tie', seconds });
  };

  it('flags a fast, left-choosing, constant rater and leaves careful ones alone', () => {
    const answers = Array.from({ length: 30 }, (_, i) => [
      honest('careful1', i, 10),
      honest('careful2', i, 12),
      answer({ rater: 'lazy', item: `i${i}`, ratingA: 3, ratingB: 3, outcome: 'A', seconds: 2 }),
    ]).flat();
    const report = flagRaters(raterFigures(answers));
    const codes = Object.fromEntries(report.raters.map((r) => [r.rater, r.flags.map((f) => f.code).sort()]));
    expect(codes.careful1).toEqual([]);
    expect(codes.careful2).toEqual([]);
    expect(codes.lazy).toEqual(['low_agreement', 'side_bias', 'straight_lining', 'too_fast']);
  });

  it('flags gold below 80 % only after 5 gold answers', () => {
    const gold = (n: number, right: number) =>
      Array.from({ length: n }, (_, i) => answer({ rater: 'r', item: `g${i}`, brokenSide: 'A', outcome: i < right ? 'B' : 'A' }));
    const codes = (answers: RaterAnswer[]) => flagRaters(raterFigures(answers)).raters[0]!.flags.map((f) => f.code);
    expect(codes(gold(4, 2))).toEqual([]);
    expect(codes(gold(5, 3))).toEqual(['low_gold']);
    expect(codes(gold(5, 4))).toEqual([]);
  });
});
