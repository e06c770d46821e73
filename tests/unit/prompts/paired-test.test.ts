import { describe, expect, it } from 'vitest';
import { mixSeed, mulberry32 } from '../../../core/optimizer';
import { betaCdf, studentTCdf } from '../../../core/prompts/distributions';
import { decidePairedTest, posteriorBetterRating, TEST_PAIRS, type PairResult } from '../../../core/prompts/paired-test';

describe('distribution functions', () => {
  // Reference values: scipy 1.17.1, stats.t.cdf and stats.beta.cdf.
  it('Student t CDF matches scipy', () => {
    expect(studentTCdf(2.262157, 9)).toBeCloseTo(0.9749999933, 8);
    expect(studentTCdf(-1.5, 3)).toBeCloseTo(0.1152919326, 8);
    expect(studentTCdf(0.7, 20)).toBeCloseTo(0.7540048912, 8);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
  });

  it('Beta CDF matches scipy and the closed form 1 - (1 - x)^b of Beta(1, b)', () => {
    expect(betaCdf(0.5, 3.5, 2.5)).toBeCloseTo(0.3302347274, 8);
    expect(betaCdf(0.2, 0.5, 0.5)).toBeCloseTo(0.2951672353, 8);
    expect(betaCdf(0.5, 1, 2)).toBeCloseTo(0.75, 12);
  });
});

describe('paired decision', () => {
  // Reference values: the conjugate update of paired-test.ts worked by hand and evaluated with
  // scipy's t CDF (kappa_n = 6, alpha_n = 4.5, df = 9).
  it('posterior probability of a better mean rating', () => {
    expect(posteriorBetterRating([1, 1, 0, 1, 1])).toBeCloseTo(0.9874645391, 6);
    expect(posteriorBetterRating([1, 0, 0, 0, 0])).toBeCloseTo(0.7573244679, 6);
    expect(posteriorBetterRating([0, 0, 0, 0, 0])).toBeCloseTo(0.5, 12);
    expect(posteriorBetterRating([-1, -1, 0, -1, -1])).toBeCloseTo(1 - 0.9874645391, 6);
  });

  it('waits for 5 pairs while the outcome is not yet plain, then applies the rule', () => {
    const better: PairResult[] = [4, 4, 3, 4, 4].map((b) => ({ rating_a: 3, rating_b: b, outcome: b > 3 ? 'B' : 'tie' }));
    // Differences 1, 1, 0, 1: P = 0.967, short of the early bar of 0.97.
    expect(decidePairedTest(better.slice(0, 4))).toMatchObject({ verdict: 'undecided', stopped_early: null });
    const decision = decidePairedTest(better);
    expect(decision).toMatchObject({ verdict: 'candidate_better', stopped_early: null });
    expect(decision.wins).toEqual({ candidate: 4, current: 0, ties: 1, both_bad: 0 });
    // The trainers' explicit choices contradict the ratings: the current version stays.
    const contradicted = better.map((p) => ({ ...p, outcome: 'A' as const }));
    expect(decidePairedTest(contradicted).verdict).toBe('keep_current');
  });

  it('stops from the 3rd pair on once the outcome is plain: a clear win, or little hope left', () => {
    const pair = (a: number, b: number): PairResult => ({ rating_a: a, rating_b: b, outcome: b > a ? 'B' : a > b ? 'A' : 'tie' });
    // Differences 1, 1, 1: P = 0.976 (kappa_n = 4, alpha_n = 3.5, df = 7), past 0.97.
    expect(decidePairedTest([pair(3, 4), pair(3, 4)])).toMatchObject({ verdict: 'undecided', stopped_early: null });
    expect(decidePairedTest([pair(3, 4), pair(3, 4), pair(3, 4)])).toMatchObject({ verdict: 'candidate_better', stopped_early: 'win', pairs: 3 });
    // The same ratings with the trainers choosing the current version every time: no early win.
    expect(decidePairedTest([pair(3, 4), pair(3, 4), pair(3, 4)].map((p) => ({ ...p, outcome: 'A' as const })))).toMatchObject({ verdict: 'undecided', stopped_early: null });
    // Differences -1, 0, 0: P is well below 0.3, the test is dropped.
    const futile = decidePairedTest([pair(4, 3), pair(3, 3), pair(3, 3)]);
    expect(futile).toMatchObject({ verdict: 'keep_current', stopped_early: 'futile' });
    expect(futile.p_better_rating).toBeLessThanOrEqual(0.3);
    expect(decidePairedTest([pair(4, 3), pair(3, 3)])).toMatchObject({ verdict: 'undecided' });
  });

  // Simulated trainers: the candidate's true effect is added to a shared per-pair quality (the
  // same image and parameters), each rating has its own noise (sd 0.7), rounded to 1..5. The test
  // runs as the workstation runs it: pair by pair, until the rule decides (early or at the 5th).
  const simulated = { pairs: 0, tests: 0 };
  function simulate(effect: number, runs: number, seed: number): number {
    let adopted = 0;
    for (let run = 0; run < runs; run++) {
      const random = mulberry32(mixSeed(seed, run));
      const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      const pairs: PairResult[] = [];
      let decision = decidePairedTest(pairs);
      while (decision.verdict === 'undecided') {
        const quality = 3 + 0.6 * gauss();
        const clamp = (x: number) => Math.min(5, Math.max(1, Math.round(x)));
        const a = clamp(quality + 0.7 * gauss());
        const b = clamp(quality + effect + 0.7 * gauss());
        pairs.push({ rating_a: a, rating_b: b, outcome: b > a ? 'B' : a > b ? 'A' : 'tie' });
        decision = decidePairedTest(pairs);
      }
      expect(pairs.length).toBeLessThanOrEqual(TEST_PAIRS);
      simulated.pairs += pairs.length;
      simulated.tests++;
      if (decision.verdict === 'candidate_better') adopted++;
    }
    return adopted / runs;
  }

  // With at most 5 pairs the rule trades power for caution: on 2,000 simulated tests per effect
  // (bench-free check, same model) it adopted 77% of candidates better by one point, 13% of equal
  // ones and 0.1% of worse ones, with 4.1, 4.2 and 3.2 pairs per test on average.
  it('adopts a truly better candidate most of the time, an equal one rarely, a worse one almost never, in fewer than 5 pairs on average', () => {
    const better = simulate(1, 400, 1);
    const equal = simulate(0, 400, 2);
    const worse = simulate(-1, 400, 3);
    expect(better).toBeGreaterThan(0.65);
    expect(equal).toBeLessThan(0.2);
    expect(worse).toBeLessThan(0.02);
    expect(better).toBeGreaterThan(equal);
    expect(simulated.pairs / simulated.tests).toBeLessThan(TEST_PAIRS - 0.5);
  });
});
