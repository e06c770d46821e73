import type { TrainStatus } from './statusStore';

/** "m:ss" for a pair's time on screen; hours only past the hour. */
export function clockText(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The session bar's words: short for the row, full for the tooltip. */
export function sessionText(session: TrainStatus['session'], onPairMs: number | null): { short: string; full: string } {
  const goal = `${session.rated_today}/${session.daily_goal}`;
  const left = Math.max(0, session.daily_goal - session.rated_today);
  const pair = onPairMs === null ? '' : ` · ${clockText(onPairMs)}`;
  const gold = session.gold === null ? '' : ` · gold pairs: ${session.gold.correct}/${session.gold.answered}`;
  return {
    short: `Today ${goal} · ${session.last_hour}/h${gold}${pair}`,
    full:
      `${session.rated_today} pairs rated today, goal ${session.daily_goal}` +
      (left === 0 ? ' (reached)' : ` (${left} to go)`) +
      `; ${session.last_hour} in the last hour` +
      (session.gold === null
        ? ''
        : `; gold pairs (a pair with one side deliberately broken): ${session.gold.correct} of your ${session.gold.answered} right, counted a few pairs later`) +
      (onPairMs === null ? '' : `; this pair on screen for ${clockText(onPairMs)}`),
  };
}
