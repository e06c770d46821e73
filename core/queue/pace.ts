// Gaps longer than this are breaks, not the trainer's pace.
const BREAK_MS = 5 * 60_000;
const WEIGHT = 0.2;

/**
 * Pairs to keep ready or generating so the next is there at every press: one per pace step a pair
 * takes to generate, plus the one on screen and one in reserve for a run of slow pairs.
 */
export function readyTarget(latencyMs: number | null, paceMs: number | null, min: number, max: number): number {
  const wanted = latencyMs === null || paceMs === null || paceMs <= 0 ? min : Math.ceil(latencyMs / paceMs) + 2;
  return Math.max(min, Math.min(max, wanted));
}

/**
 * The trainer's measured pace (time between answers) and the pairs' measured generation time, as
 * running means. Latency counts at its slow end (mean plus twice the mean deviation): a pair that
 * comes late leaves the trainer waiting, one that comes early costs nothing.
 */
export function createPaceMeter() {
  let lastAnswerMs: number | null = null;
  let paceMs: number | null = null;
  let latencyMean: number | null = null;
  let latencyDeviation = 0;
  const mean = (previous: number | null, value: number) => (previous === null ? value : (1 - WEIGHT) * previous + WEIGHT * value);
  const slowLatency = () => (latencyMean === null ? null : latencyMean + 2 * latencyDeviation);

  return {
    answered(nowMs: number): void {
      if (lastAnswerMs !== null) {
        const gap = nowMs - lastAnswerMs;
        if (gap > 0 && gap < BREAK_MS) paceMs = mean(paceMs, gap);
      }
      lastAnswerMs = nowMs;
    },
    generated(ms: number): void {
      latencyDeviation = latencyMean === null ? 0 : (1 - WEIGHT) * latencyDeviation + WEIGHT * Math.abs(ms - latencyMean);
      latencyMean = mean(latencyMean, ms);
    },
    target(min: number, max: number): number {
      return readyTarget(slowLatency(), paceMs, min, max);
    },
    measured: () => ({ paceMs, latencyMs: slowLatency() }),
  };
}
export type PaceMeter = ReturnType<typeof createPaceMeter>;
