const DAY_MS = 86_400_000;

/** Budgets are per UTC day, so every workstation of a studio agrees on when a day starts. */
export function dayStartMs(nowMs: number): number {
  return Math.floor(nowMs / DAY_MS) * DAY_MS;
}

export function nextDayStartMs(nowMs: number): number {
  return dayStartMs(nowMs) + DAY_MS;
}
