import { setAsideMs } from './backoff';
import { dayStartMs, nextDayStartMs } from './day';
import { createRateWindow, type RateWindow } from './rate-window';

export interface ProviderLimits {
  /** Jobs running at the provider at once. */
  concurrency: number;
  /** Generation requests a minute. */
  requestsPerMinute: number;
  /** US dollars a UTC day; null for no cap. */
  dailyCapUsd: number | null;
  /** What one generation is expected to cost before any was measured, in US dollars. */
  estimatedCostUsd: number;
}

/** Why a provider takes no new job now; `retryAtMs` is when that may change by itself (null: when a job ends). */
export type Refusal =
  | { reason: 'busy'; retryAtMs: null }
  | { reason: 'rate_limited'; retryAtMs: number }
  | { reason: 'at_cap'; retryAtMs: number }
  | { reason: 'set_aside'; retryAtMs: number };

export type JobOutcome = { ok: true; costUsd: number } | { ok: false; costUsd: number; retryAfterMs: number | null };

export interface LimiterStatus {
  state: 'ready' | Refusal['reason'];
  active: number;
  spentTodayUsd: number;
  /** Spent plus what running jobs are expected to cost: what the cap is checked against. */
  committedUsd: number;
  consecutiveFailures: number;
  /** When a set-aside, rate limit or cap ends (ms since epoch), null otherwise. */
  untilMs: number | null;
  lastError: string | null;
}

export interface Job {
  readonly estimateUsd: number;
}

/**
 * One provider's limits: concurrent jobs, a request rate (sliding minute), a daily spend cap and a
 * set-aside with backoff after failures. Pure state over the caller's clock: no timers inside, the
 * caller asks again at `retryAtMs`.
 */
export function createLimiter(initial: ProviderLimits, startMs: number) {
  let limits = initial;
  const rate: RateWindow = createRateWindow(limits.requestsPerMinute);
  const active = new Set<Job>();
  let day = dayStartMs(startMs);
  let spent = 0;
  let failures = 0;
  let setAsideUntil = 0;
  let lastError: string | null = null;
  // Running mean of measured costs, so the cap is checked against what jobs really cost.
  let meanCost: number | null = null;

  const rollDay = (nowMs: number) => {
    const today = dayStartMs(nowMs);
    if (today !== day) {
      day = today;
      spent = 0;
    }
  };
  const estimate = () => meanCost ?? limits.estimatedCostUsd;
  const reserved = () => [...active].reduce((sum, job) => sum + job.estimateUsd, 0);

  function refusal(nowMs: number, count: number): Refusal | null {
    rollDay(nowMs);
    if (nowMs < setAsideUntil) return { reason: 'set_aside', retryAtMs: setAsideUntil };
    const cap = limits.dailyCapUsd;
    if (cap !== null && (spent >= cap || spent + reserved() + count * estimate() > cap + 1e-9)) {
      return { reason: 'at_cap', retryAtMs: nextDayStartMs(nowMs) };
    }
    // After a failure one request (a pair's jobs) probes the provider at a time, so a broken one is
    // not hit in a storm; likewise under a cap until a job has shown what one costs.
    const probing = failures > 0 || (cap !== null && meanCost === null && limits.estimatedCostUsd === 0);
    if (probing ? active.size > 0 : active.size + count > limits.concurrency) return { reason: 'busy', retryAtMs: null };
    const wait = rate.waitMs(nowMs, count);
    if (wait > 0) return { reason: 'rate_limited', retryAtMs: nowMs + wait };
    return null;
  }

  return {
    /** Null when `count` jobs may start now, otherwise why not. */
    refusal,
    /** Starts `count` jobs if the limits allow, taking their slots, tokens and expected cost. */
    start(nowMs: number, count = 1): Job[] | null {
      if (refusal(nowMs, count)) return null;
      rate.take(nowMs, count);
      const jobs = Array.from({ length: count }, () => ({ estimateUsd: estimate() }));
      for (const job of jobs) active.add(job);
      return jobs;
    },
    /** A job ended: its real cost counts against today's cap; a failure sets the provider aside. */
    finish(job: Job, nowMs: number, outcome: JobOutcome, error: string | null = null): void {
      if (!active.delete(job)) return;
      rollDay(nowMs);
      spent += outcome.costUsd;
      if (outcome.ok) {
        meanCost = meanCost === null ? outcome.costUsd : 0.8 * meanCost + 0.2 * outcome.costUsd;
        failures = 0;
        lastError = null;
        return;
      }
      failures += 1;
      lastError = error;
      setAsideUntil = Math.max(setAsideUntil, nowMs + setAsideMs(failures, outcome.retryAfterMs));
    },
    /** A job that never reached the provider (its pair was dropped): frees its slot, says nothing about the provider. */
    release(job: Job): void {
      active.delete(job);
    },
    /** Money already spent today before this limiter existed (read from the store at start). */
    addSpent(usd: number, nowMs: number): void {
      rollDay(nowMs);
      spent += usd;
    },
    configure(next: ProviderLimits): void {
      rate.setLimit(next.requestsPerMinute);
      limits = next;
    },
    limits: () => limits,
    status(nowMs: number): LimiterStatus {
      const why = refusal(nowMs, 1);
      return {
        state: why?.reason ?? 'ready',
        active: active.size,
        spentTodayUsd: spent,
        committedUsd: spent + reserved(),
        consecutiveFailures: failures,
        untilMs: why?.retryAtMs ?? null,
        lastError,
      };
    },
  };
}
export type Limiter = ReturnType<typeof createLimiter>;
