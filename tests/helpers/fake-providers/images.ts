import sharp from 'sharp';
import { systemClock, type Clock } from '../../../core/generation';

/** A small real PNG for a fake output: a flat colour picked by `seed`, so outputs differ. */
export function outputPng(seed = 1, width = 64, height = 48): Promise<Buffer> {
  const r = (seed * 67) % 256;
  return sharp({ create: { width, height, channels: 3, background: { r, g: 128, b: 255 - r } } }).png().toBuffer();
}

/** Waits `ms` on the server's clock: virtual in tests (driven by the fake clock), real in a benchmark. */
export const hold = (clock: Clock, ms: number) => (ms > 0 ? clock.sleep(ms) : Promise.resolve());

export interface FakeTiming {
  /** Clock to measure job latency on; the real clock unless a test or the bench injects one. */
  clock?: Clock;
  /** How long a job takes from creation to done. */
  latencyMs?: number;
  /** Status polls answered "still running" before a job may finish. */
  pendingPolls?: number;
}

export const timingOf = (timing: FakeTiming) => ({ clock: timing.clock ?? systemClock, latencyMs: timing.latencyMs ?? 0, pendingPolls: timing.pendingPolls ?? 0 });
