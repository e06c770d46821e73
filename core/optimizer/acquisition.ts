import { normalCdf, normalPdf } from './normal';
import { sobolPoint } from './sobol';

/**
 * Expected Improvement and its maximisation over the mixed space (a provider index × [0,1]³).
 * EI closed form: Jones, Schonlau & Welch (1998), EI = (μ − best)·Φ(z) + σ·φ(z), z = (μ − best)/σ.
 */
export function expectedImprovement(mean: number, sd: number, best: number): number {
  const gap = mean - best;
  if (!(sd > 1e-12)) return Math.max(gap, 0);
  const z = gap / sd;
  return gap * normalCdf(z) + sd * normalPdf(z);
}

/**
 * Augmented EI (Huang, Allen, Notz & Zeng, J. Global Optim. 34, 2006), EI for noisy observations:
 * EI × (1 − σε/√(σ² + σε²)). Plain EI keeps re-asking about a point whose one lucky rating made it
 * the incumbent; the factor goes to 0 where the posterior is already sharper than one rating's
 * noise, so a new rating there could teach little. `best` is then the mean at the "effective best"
 * (the observed point maximising μ − σ), also from that paper.
 */
export function augmentedExpectedImprovement(mean: number, sd: number, best: number, noiseSd: number): number {
  return expectedImprovement(mean, sd, best) * (1 - noiseSd / Math.sqrt(sd * sd + noiseSd * noiseSd));
}

export const CONTINUOUS_COUNT = 3;

export interface Candidate {
  provider: number;
  coords: Float64Array;
}

export interface AcquisitionSearch {
  providers: number;
  /** The acquisition value at a candidate (higher is better). */
  evaluate: (candidate: Candidate) => number;
  /** Scramble seed of the Sobol candidates. */
  seed: number;
  /** Sobol candidates per provider (a power of two keeps the set stratified). */
  candidatesPerProvider: number;
  /**
   * The global stage's candidates, made by `sobolCandidates` once and shared by several searches
   * (then `seed` and `candidatesPerProvider` are not used): the caller may cache what it computes
   * per candidate object.
   */
  candidates?: readonly Candidate[];
  /** How many of the best candidates get a local refinement. */
  refinements: number;
  /** Extra starting candidates (e.g. the best points seen so far). */
  extra?: readonly Candidate[];
}

export interface AcquisitionResult extends Candidate {
  value: number;
}

/**
 * Global stage: every provider gets the same count of scrambled Sobol points, so no provider is
 * starved. Local stage: compass search (step halving from 1/16 of a range down to 1/1024, at most 120 evaluations) from the
 * best few distinct candidates — EI surfaces are flat in most places and sharply peaked near the
 * data, and a derivative-free search within the box is robust to both.
 */
export function maximiseAcquisition(search: AcquisitionSearch): AcquisitionResult {
  const candidates = search.candidates ?? sobolCandidates(search.providers, search.candidatesPerProvider, search.seed);
  const scored: AcquisitionResult[] = candidates.map((candidate) => ({ ...candidate, value: search.evaluate(candidate) }));
  for (const candidate of search.extra ?? []) scored.push({ ...candidate, coords: Float64Array.from(candidate.coords), value: search.evaluate(candidate) });
  // Sort by value, then by position, so equal values (flat EI far from data) pick deterministically.
  scored.sort((x, y) => y.value - x.value || x.provider - y.provider || x.coords[0]! - y.coords[0]! || x.coords[1]! - y.coords[1]!);
  let best = scored[0]!;
  for (const start of scored.slice(0, search.refinements)) {
    const refined = compassSearch(start, search.evaluate);
    if (refined.value > best.value) best = refined;
  }
  return best;
}

/** The same count of Owen-scrambled Sobol points for every provider, so no provider is starved. */
export function sobolCandidates(providers: number, perProvider: number, seed: number): Candidate[] {
  const candidates: Candidate[] = [];
  for (let provider = 0; provider < providers; provider++) {
    for (let i = 0; i < perProvider; i++) {
      candidates.push({ provider, coords: Float64Array.from(sobolPoint(i, CONTINUOUS_COUNT, (seed + provider * 0x9e3779b9) >>> 0)) });
    }
  }
  return candidates;
}

const MAX_LOCAL_EVALUATIONS = 120;

function compassSearch(start: AcquisitionResult, evaluate: (candidate: Candidate) => number): AcquisitionResult {
  let current = { provider: start.provider, coords: Float64Array.from(start.coords), value: start.value };
  let evaluations = 0;
  for (let step = 1 / 16; step >= 1 / 1024 && evaluations < MAX_LOCAL_EVALUATIONS; ) {
    let moved = false;
    for (let d = 0; d < CONTINUOUS_COUNT && !moved; d++) {
      for (const direction of [1, -1]) {
        const coords = Float64Array.from(current.coords);
        coords[d] = Math.min(1, Math.max(0, coords[d]! + direction * step));
        if (coords[d] === current.coords[d]) continue;
        const value = evaluate({ provider: current.provider, coords });
        evaluations++;
        if (value > current.value) {
          current = { provider: current.provider, coords, value };
          moved = true;
          break;
        }
      }
    }
    if (!moved) step /= 2;
  }
  return current;
}
