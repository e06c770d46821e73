import { describe, expect, it } from 'vitest';
import { clockText, sessionText } from '../../../renderer/stores/sessionBar';

describe('session bar', () => {
  it('shows the day against the goal, the pace, and the time on the pair', () => {
    const session = { rater_id: 'ana', rated_today: 42, last_hour: 37, daily_goal: 300, gold: null };
    expect(sessionText(session, 12_400)).toEqual({
      short: 'Today 42/300 · 37/h · 0:12',
      full: '42 pairs rated today, goal 300 (258 to go); 37 in the last hour; this pair on screen for 0:12',
    });
    expect(sessionText({ ...session, rated_today: 305 }, null).full).toBe('305 pairs rated today, goal 300 (reached); 37 in the last hour');
  });

  it('adds the trainer’s own gold-pair record once there is one, never anyone else’s', () => {
    const session = { rater_id: 'ana', rated_today: 42, last_hour: 37, daily_goal: 300, gold: { correct: 9, answered: 10 } };
    const text = sessionText(session, null);
    expect(text.short).toBe('Today 42/300 · 37/h · gold pairs: 9/10');
    expect(text.full).toBe(
      '42 pairs rated today, goal 300 (258 to go); 37 in the last hour; gold pairs (a pair with one side deliberately broken): 9 of your 10 right, counted a few pairs later',
    );
  });

  it('writes a pair time as m:ss, with hours only past the hour', () => {
    expect([clockText(0), clockText(59_999), clockText(61_000), clockText(3_725_000), clockText(-5)]).toEqual(['0:00', '0:59', '1:01', '1:02:05', '0:00']);
  });
});
