import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLimiter, createRateWindow, setAsideMs, type ProviderLimits } from '../../../../core/generation/limits';

// Leonardo's defaults (reference/providers.md, Corrections 1): 10 concurrent jobs, 100 generations a minute.
const leonardo: ProviderLimits = { concurrency: 10, requestsPerMinute: 100, dailyCapUsd: null, estimatedCostUsd: 0 };
const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

describe('rate window', () => {
  it('lets the stated number through in a minute, then says when the next one fits', () => {
    const rate = createRateWindow(3);
    for (const t of [0, 10, 20]) {
      expect(rate.waitMs(T0 + t)).toBe(0);
      rate.take(T0 + t);
    }
    expect(rate.waitMs(T0 + 30)).toBe(60_000 - 30);
    expect(rate.waitMs(T0 + 60_000)).toBe(0);
    expect(rate.waitMs(T0 + 60_000, 2)).toBe(10);
  });

  it('never lets more than the limit into any 60 s window, whatever the arrival times', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 300 }), (limit, gaps) => {
        const rate = createRateWindow(limit);
        const sent: number[] = [];
        let t = T0;
        for (const gap of gaps) {
          t += gap;
          if (rate.waitMs(t) === 0) {
            rate.take(t);
            sent.push(t);
          }
        }
        for (const start of sent) expect(sent.filter((s) => s >= start && s < start + 60_000).length).toBeLessThanOrEqual(limit);
      }),
    );
  });
});

describe('provider limiter', () => {
  it('runs at most the concurrency limit at once and frees a slot when a job ends', () => {
    const limiter = createLimiter({ ...leonardo, concurrency: 3 }, T0);
    const jobs = limiter.start(T0, 3)!;
    expect(jobs).toHaveLength(3);
    expect(limiter.start(T0, 1)).toBeNull();
    expect(limiter.refusal(T0, 1)).toEqual({ reason: 'busy', retryAtMs: null });
    limiter.finish(jobs[0]!, T0 + 1, { ok: true, costUsd: 0 });
    expect(limiter.start(T0 + 1, 1)).not.toBeNull();
  });

  it('holds the request rate and says when the next request may go', () => {
    const limiter = createLimiter({ ...leonardo, concurrency: 1000, requestsPerMinute: 100 }, T0);
    for (let i = 0; i < 100; i++) expect(limiter.start(T0 + i * 10)).not.toBeNull();
    expect(limiter.refusal(T0 + 1000, 1)).toEqual({ reason: 'rate_limited', retryAtMs: T0 + 60_000 });
    expect(limiter.start(T0 + 60_000)).not.toBeNull();
  });

  it('stops at the daily cap, counting what running jobs are expected to cost, and starts again the next UTC day', () => {
    const limiter = createLimiter({ ...leonardo, dailyCapUsd: 1, estimatedCostUsd: 0.3 }, T0);
    const [a, b, c] = limiter.start(T0, 3)!;
    // 3 × 0.30 reserved: a fourth would exceed the dollar before any job has ended.
    expect(limiter.refusal(T0, 1)?.reason).toBe('at_cap');
    limiter.finish(a!, T0, { ok: true, costUsd: 0.4 });
    limiter.finish(b!, T0, { ok: true, costUsd: 0.4 });
    limiter.finish(c!, T0, { ok: true, costUsd: 0.2 });
    const status = limiter.status(T0);
    expect(status.state).toBe('at_cap');
    expect(status.spentTodayUsd).toBeCloseTo(1.0, 9);
    expect(status.untilMs).toBe(Date.UTC(2026, 0, 6));
    expect(limiter.start(Date.UTC(2026, 0, 6) - 1)).toBeNull();
    expect(limiter.start(Date.UTC(2026, 0, 6))).not.toBeNull();
    expect(limiter.status(Date.UTC(2026, 0, 6)).spentTodayUsd).toBe(0);
  });

  it('under a cap, runs one request at a time until a job has shown what one costs', () => {
    const limiter = createLimiter({ ...leonardo, dailyCapUsd: 1 }, T0);
    const first = limiter.start(T0, 2)!;
    expect(limiter.refusal(T0, 2)?.reason).toBe('busy');
    for (const job of first) limiter.finish(job, T0, { ok: true, costUsd: 0.5 });
    expect(limiter.status(T0)).toMatchObject({ state: 'at_cap', spentTodayUsd: 1 });
  });

  it('counts money spent before it existed against today only', () => {
    const limiter = createLimiter({ ...leonardo, dailyCapUsd: 2 }, T0);
    limiter.addSpent(2, T0);
    expect(limiter.status(T0).state).toBe('at_cap');
    expect(limiter.status(T0 + 86_400_000).state).toBe('ready');
  });

  it('a cap of zero spends nothing', () => {
    expect(createLimiter({ ...leonardo, dailyCapUsd: 0 }, T0).start(T0)).toBeNull();
  });

  it('sets a failing provider aside with a growing pause, probes it with one job, and resets on success', () => {
    const limiter = createLimiter(leonardo, T0);
    let t = T0;
    const pauses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [job] = limiter.start(t)!;
      limiter.finish(job!, t, { ok: false, costUsd: 0, retryAfterMs: null }, 'HTTP 500');
      const status = limiter.status(t);
      expect(status.state).toBe('set_aside');
      expect(status.lastError).toBe('HTTP 500');
      pauses.push(status.untilMs! - t);
      t = status.untilMs!;
    }
    expect(pauses).toEqual([1000, 2000, 4000, 8000]);
    // Back from the pause, one probe (a pair's two jobs) at a time, not ten.
    const probe = limiter.start(t, 2)!;
    expect(limiter.start(t, 1)).toBeNull();
    for (const job of probe) limiter.finish(job, t, { ok: true, costUsd: 0 });
    expect(limiter.start(t, 10)).not.toBeNull();
  });

  it('honours the provider\'s Retry-After instead of its own backoff', () => {
    const limiter = createLimiter(leonardo, T0);
    const [job] = limiter.start(T0)!;
    limiter.finish(job!, T0, { ok: false, costUsd: 0, retryAfterMs: 30_000 });
    expect(limiter.refusal(T0 + 29_999, 1)).toEqual({ reason: 'set_aside', retryAtMs: T0 + 30_000 });
    expect(limiter.refusal(T0 + 30_000, 1)).toBeNull();
  });

  it('a job that ended is counted once, even if reported twice', () => {
    const limiter = createLimiter({ ...leonardo, dailyCapUsd: 10 }, T0);
    const [job] = limiter.start(T0)!;
    limiter.finish(job!, T0, { ok: true, costUsd: 1 });
    limiter.finish(job!, T0, { ok: true, costUsd: 1 });
    expect(limiter.status(T0).spentTodayUsd).toBe(1);
  });

  it('backoff grows to five minutes and no further', () => {
    expect(setAsideMs(1, null)).toBe(1000);
    expect(setAsideMs(30, null)).toBe(300_000);
    expect(setAsideMs(3, 0)).toBe(1000);
  });
});

describe('release', () => {
  it('frees the slot of a job that never ran without counting it as a success or a failure', () => {
    const limiter = createLimiter({ ...leonardo, concurrency: 1 }, T0);
    const [failed] = limiter.start(T0)!;
    limiter.finish(failed!, T0, { ok: false, costUsd: 0, retryAfterMs: null });
    const [probe] = limiter.start(T0 + 1000)!;
    limiter.release(probe!);
    expect(limiter.status(T0 + 1000)).toMatchObject({ active: 0, consecutiveFailures: 1 });
  });
});
