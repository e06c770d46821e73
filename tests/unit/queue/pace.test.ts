import { describe, expect, it } from 'vitest';
import { createPaceMeter, readyTarget } from '../../../core/queue/pace';

describe('ready target', () => {
  it('keeps one pair per pace step a generation takes, plus the one on screen and one in reserve', () => {
    // Leonardo's 20 s against a trainer rating every 6 s: ceil(20 / 6) + 2 = 6.
    expect(readyTarget(20_000, 6_000, 3, 12)).toBe(6);
    expect(readyTarget(6_000, 6_000, 1, 12)).toBe(3);
  });

  it('stays within the setting\'s minimum and the maximum, and uses the minimum before anything was measured', () => {
    expect(readyTarget(null, 6_000, 3, 12)).toBe(3);
    expect(readyTarget(20_000, null, 3, 12)).toBe(3);
    expect(readyTarget(600_000, 1_000, 3, 12)).toBe(12);
    expect(readyTarget(100, 60_000, 3, 12)).toBe(3);
  });
});

describe('pace meter', () => {
  it('measures the time between answers, ignoring breaks', () => {
    const meter = createPaceMeter();
    meter.answered(0);
    meter.answered(6_000);
    meter.answered(12_000);
    meter.answered(12_000 + 3_600_000);
    expect(meter.measured().paceMs).toBe(6_000);
    meter.generated(20_000);
    expect(meter.target(3, 12)).toBe(6);
  });
});

describe('latency at its slow end', () => {
  it('adds twice the mean deviation, so a provider whose pairs vary gets more pairs ahead', () => {
    const steady = createPaceMeter();
    const varying = createPaceMeter();
    for (const meter of [steady, varying]) {
      meter.answered(0);
      meter.answered(6_000);
    }
    for (let i = 0; i < 20; i++) {
      steady.generated(15_000);
      varying.generated(i % 2 === 0 ? 8_000 : 22_000);
    }
    expect(steady.target(1, 20)).toBe(5);
    expect(varying.target(1, 20)).toBeGreaterThanOrEqual(7);
  });
});
