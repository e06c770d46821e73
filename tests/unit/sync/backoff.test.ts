import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../core/sync';

describe('sync backoff', () => {
  it('doubles per failure from 2 s, draws the upper half at random, and stops growing at the cap', () => {
    const low = () => 0;
    const high = () => 0.999999;
    // Ceilings 2, 4, 8, 16 s … capped at 300 s; equal jitter keeps each delay in [ceiling/2, ceiling].
    expect([1, 2, 3, 4].map((f) => backoffDelay(f, low))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map((f) => backoffDelay(f, high))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffDelay(30, high)).toBe(300_000);
    expect(backoffDelay(30, low)).toBe(150_000);
    expect(backoffDelay(3, () => 0.5, { baseMs: 100, maxMs: 250 })).toBe(188);
  });

  it('spreads workstations that failed together', () => {
    let seed = 42;
    // mulberry32, so the spread is the same on every run.
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const delays = Array.from({ length: 20 }, () => backoffDelay(5, random));
    expect(new Set(delays).size).toBe(20);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(16_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(32_000);
  });
});
