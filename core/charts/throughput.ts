/** Gaps between two answers longer than this are breaks, not rating time (as the queue's pace meter). */
export const BREAK_MS = 5 * 60_000;

export interface Answer {
  rater: string;
  /** ISO timestamp of the submission. */
  answered_at: string;
}

export interface RaterThroughput {
  rater: string;
  pairs: number;
  /** Pairs per hour of rating time: answers after a gap shorter than BREAK_MS, over those gaps' sum; null without such a gap. */
  pairs_per_hour: number | null;
  /** Hours spent rating by that measure. */
  rating_hours: number;
  /** Mean pairs per day on the days (UTC) the rater rated at all. */
  pairs_per_day: number;
  /** Pairs per UTC day, oldest first, only the days with pairs. */
  days: { day: string; pairs: number }[];
}

/** Each rater's pace and daily output from their submissions; raters in name order. */
export function throughput(answers: readonly Answer[]): RaterThroughput[] {
  const byRater = new Map<string, number[]>();
  for (const answer of answers) {
    const ms = Date.parse(answer.answered_at);
    if (Number.isNaN(ms)) continue;
    const list = byRater.get(answer.rater) ?? [];
    list.push(ms);
    byRater.set(answer.rater, list);
  }
  return [...byRater.keys()].sort().map((rater) => {
    const times = byRater.get(rater)!.sort((a, b) => a - b);
    let paced = 0;
    let ratingMs = 0;
    const days = new Map<string, number>();
    times.forEach((ms, i) => {
      const day = new Date(ms).toISOString().slice(0, 10);
      days.set(day, (days.get(day) ?? 0) + 1);
      const gap = i > 0 ? ms - times[i - 1]! : Number.POSITIVE_INFINITY;
      if (gap < BREAK_MS) {
        paced++;
        ratingMs += gap;
      }
    });
    const hours = ratingMs / 3_600_000;
    return {
      rater,
      pairs: times.length,
      pairs_per_hour: paced > 0 && ratingMs > 0 ? paced / hours : null,
      rating_hours: hours,
      pairs_per_day: times.length / days.size,
      days: [...days].map(([day, pairs]) => ({ day, pairs })),
    };
  });
}

export type TeamThroughput = Omit<RaterThroughput, 'rater'>;

/**
 * The whole team's figures from its raters': all their pairs per day, and the pace of one rater
 * while rating (paced answers over everyone's rating hours), as raters rate side by side.
 */
export function teamThroughput(raters: readonly RaterThroughput[]): TeamThroughput {
  const days = new Map<string, number>();
  let pairs = 0;
  let paced = 0;
  let hours = 0;
  for (const rater of raters) {
    pairs += rater.pairs;
    hours += rater.rating_hours;
    paced += (rater.pairs_per_hour ?? 0) * rater.rating_hours;
    for (const { day, pairs: n } of rater.days) days.set(day, (days.get(day) ?? 0) + n);
  }
  return {
    pairs,
    pairs_per_hour: hours > 0 ? paced / hours : null,
    rating_hours: hours,
    pairs_per_day: days.size > 0 ? pairs / days.size : 0,
    days: [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, n]) => ({ day, pairs: n })),
  };
}
