export { setAsideMs } from './backoff';
export { dayStartMs, nextDayStartMs } from './day';
export { createLimiter, type Job, type JobOutcome, type Limiter, type LimiterStatus, type ProviderLimits, type Refusal } from './limiter';
export { createRateWindow, type RateWindow } from './rate-window';
