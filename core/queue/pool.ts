import type { ProviderHold, ProviderId, ProviderSettings } from '../api';
import type { ExperimentRecord } from '../store';
import { createLimiter, type GenerationProvider, type Job, type JobOutcome, type Limiter, type LimiterStatus, type ProviderLimits } from '../generation';

/** The limiter job each option of a pair holds while it generates. */
export type Started = Map<string, { provider: ProviderId; job: Job }>;

export interface PoolDeps {
  providers: ReadonlyMap<ProviderId, GenerationProvider>;
  enabled(): readonly ProviderId[];
  settings(id: ProviderId): ProviderSettings;
  now(): number;
}

// The embedded enhancer runs on this machine's cores, one pair at a time through the queue's chain:
// it is not limited by slots or rate, only set aside after failures like every provider.
const UNLIMITED = { concurrency: Number.POSITIVE_INFINITY, requestsPerMinute: Number.POSITIVE_INFINITY } as const;

function limitsOf(provider: GenerationProvider, settings: ProviderSettings): ProviderLimits {
  return {
    ...(provider.remote ? { concurrency: settings.concurrency, requestsPerMinute: settings.requests_per_minute } : UNLIMITED),
    dailyCapUsd: provider.remote ? settings.daily_cap_usd : null,
    estimatedCostUsd: 0,
  };
}

/** A provider's error may say when to come back (an HTTP 429's Retry-After): adapters put it on the error as `retryAfterMs`. */
export function retryAfterOf(error: unknown): number | null {
  const value = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/**
 * The providers the queue may use right now: enabled, installed, available, and within their
 * limits. One limiter per provider, re-read from settings whenever they change.
 */
export function createProviderPool(deps: PoolDeps) {
  const limiters = new Map<ProviderId, Limiter>();

  const limiter = (id: ProviderId): Limiter | null => {
    const provider = deps.providers.get(id);
    if (!provider) return null;
    const limits = limitsOf(provider, deps.settings(id));
    let existing = limiters.get(id);
    if (!existing) {
      existing = createLimiter(limits, deps.now());
      limiters.set(id, existing);
    } else existing.configure(limits);
    return existing;
  };

  const usable = (id: ProviderId) => deps.providers.get(id)?.available() ?? false;
  // Jobs that several options of one pair share, on a provider allowed fewer jobs at once than the pair has.
  const shared = new Map<Job, { left: number; costUsd: number; failed: { retryAfterMs: number | null; error: string | null } | null }>();
  const slotsFor = (id: ProviderId, jobs: number) => {
    const provider = deps.providers.get(id);
    return provider?.remote ? Math.max(1, Math.min(jobs, deps.settings(id).concurrency)) : jobs;
  };

  return {
    /**
     * Enabled providers that can take a pair's `jobs` now, in the order they were enabled. A provider
     * allowed fewer jobs at once (a GPU server doing one at a time) takes the pair with the jobs it
     * has, and the options share them, one after the other.
     */
    eligible(jobs: number): ProviderId[] {
      const now = deps.now();
      return deps.enabled().filter((id) => usable(id) && limiter(id)?.refusal(now, slotsFor(id, jobs)) === null);
    },
    /** Enabled and available providers that take no job now for a reason other than busy slots, and until when. */
    holds(): { provider: ProviderId; reason: ProviderHold; untilMs: number | null }[] {
      const now = deps.now();
      const held: { provider: ProviderId; reason: ProviderHold; untilMs: number | null }[] = [];
      for (const id of deps.enabled()) {
        const why = usable(id) ? limiter(id)?.refusal(now, 1) : null;
        if (why && why.reason !== 'busy') held.push({ provider: id, reason: why.reason, untilMs: why.retryAtMs });
      }
      return held;
    },
    /** The earliest moment a held provider may take jobs again, to wake the queue then. */
    nextChangeMs(): number | null {
      const times = this.holds().map((h) => h.untilMs).filter((t): t is number => t !== null);
      return times.length ? Math.min(...times) : null;
    },
    start(id: ProviderId, jobs: number): Job[] | null {
      return limiter(id)?.start(deps.now(), jobs) ?? null;
    },
    /** One option ended. A job options share ends with the last of them, counting what each spent and whether any failed. */
    finish(id: ProviderId, job: Job, outcome: JobOutcome, error: string | null = null): void {
      const share = shared.get(job);
      if (share && share.left > 1) {
        share.left -= 1;
        share.costUsd += outcome.costUsd;
        if (!outcome.ok) share.failed = { retryAfterMs: outcome.retryAfterMs ?? null, error };
        return;
      }
      shared.delete(job);
      const failed = share?.failed ?? null;
      const total = { ...outcome, costUsd: outcome.costUsd + (share?.costUsd ?? 0) };
      if (outcome.ok && failed) limiters.get(id)?.finish(job, deps.now(), { ok: false, costUsd: total.costUsd, retryAfterMs: failed.retryAfterMs }, failed.error);
      else limiters.get(id)?.finish(job, deps.now(), total, error);
    },
    /** Takes a slot, a request and the expected cost at each provider of the pair; null (and nothing taken) when one refuses. */
    startPair(experiment: ExperimentRecord): Started | null {
      const started: Started = new Map();
      const byProvider = new Map<ProviderId, string[]>();
      for (const o of experiment.options) if (!o.output_sha256) byProvider.set(o.provider, [...(byProvider.get(o.provider) ?? []), o.id]);
      for (const [provider, optionIds] of byProvider) {
        const jobs = limiter(provider)?.start(deps.now(), slotsFor(provider, optionIds.length));
        if (!jobs) {
          for (const s of started.values()) {
            shared.delete(s.job);
            limiters.get(s.provider)?.release(s.job);
          }
          return null;
        }
        optionIds.forEach((id, i) => started.set(id, { provider, job: jobs[i % jobs.length]! }));
        for (const job of jobs) {
          const users = optionIds.filter((_, i) => jobs[i % jobs.length] === job).length;
          if (users > 1) shared.set(job, { left: users, costUsd: 0, failed: null });
        }
      }
      return started;
    },
    release(id: ProviderId, job: Job): void {
      shared.delete(job);
      limiters.get(id)?.release(job);
    },
    addSpent(id: ProviderId, usd: number): void {
      limiter(id)?.addSpent(usd, deps.now());
    },
    status(id: ProviderId): LimiterStatus | null {
      return limiter(id)?.status(deps.now()) ?? null;
    },
  };
}
export type ProviderPool = ReturnType<typeof createProviderPool>;
