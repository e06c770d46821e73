import { augmentedExpectedImprovement, expectedImprovement, maximiseAcquisition, type AcquisitionResult, type Candidate } from './acquisition';
import { buildDataset, decodePoint, encodePoint, pointKey, type PreferenceObservation, type RatingObservation } from './dataset';
import { designPoint } from './design';
import type { ProviderEncoding } from './kernel';
import { conditionOnFantasies, type Predictor } from './fantasies';
import { fitModel, raterOffsets as raterOffsetsOf, type Model } from './model';
import { predictAtPoint } from './posterior';
import { compilePredictor, type CompiledPredictor } from './predictor';
import { mixSeed } from './prng';
import type { Proposal } from './proposer';
import type { CanonicalPoint, OptimizerSpace } from './space';
import { convergenceOf, stopRuleOf, trialsRemaining, type StopRule } from './stopping';
import { checkPoint, checkPreference, checkRating } from './validation';

export interface Recommendation {
  point: CanonicalPoint;
  /** Expected rating of an average rater (offsets removed), clamped to 1..5. */
  predicted_rating: number;
  /** 80% credible interval of that expected rating. */
  interval80: [number, number];
}

export interface OptimizerStatus {
  observations: number;
  raters: number;
  raw_best_rating: number | null;
  recommendation: Recommendation | null;
  convergence: number | null;
  estimated_trials_remaining: number | null;
  stage: 'initial-design' | 'model';
  rater_offsets: Record<string, number>;
  /** Which of the seed's automatic stop rules has fired, if any (the admin override is the caller's). */
  stop_rule: StopRule | null;
}

export interface Optimizer {
  ask(n: number, pending: readonly CanonicalPoint[]): Proposal[];
  tell(observations: readonly RatingObservation[]): void;
  tellPreference(outcomes: readonly PreferenceObservation[]): void;
  recommend(): Recommendation | null;
  status(): OptimizerStatus;
}

export interface OptimizerOptions {
  space: OptimizerSpace;
  seed: number;
  /** Learn from the A/B outcomes too (default true). */
  usePreferences?: boolean;
  /** Ratings collected before the model takes over (default 5, the seed's "5 random"). */
  initialDesign?: number;
  /** Points the initial design starts with, e.g. the seed's current values. */
  anchors?: readonly CanonicalPoint[];
  /**
   * The benchmark's plain GP-EI is this optimizer with the seed's choices: the provider as a 0/1
   * axis, no rater offsets, textbook EI (against the best posterior mean) instead of augmented EI.
   */
  providerEncoding?: ProviderEncoding;
  raterOffsets?: boolean;
  acquisition?: 'augmented-ei' | 'ei';
}

/** Φ⁻¹(0.9): the half-width of a central 80% normal interval in standard deviations. */
const Z80 = 1.2815515655446004;
// Sobol candidates per provider; halved once the basis is large, where each evaluation costs O(m²).
const CANDIDATES_PER_PROVIDER = 512;
const LARGE_BASIS = 64;
const REFINEMENTS = 4;
const EXTRA_STARTS = 4;

interface Fitted {
  model: Model;
  predictor: CompiledPredictor;
  /** Posterior mean at each distinct point tried. */
  means: number[];
  /** The recommendation: the highest posterior mean among the points tried. */
  incumbent: { index: number; mean: number; variance: number };
  /** The acquisition's reference: the mean at the point tried with the highest μ − σ. */
  effectiveBest: number;
  /** The unconditioned EI maximum, shared by ask() without pending points and status(). */
  open?: AcquisitionResult;
}

export function createOptimizer(options: OptimizerOptions): Optimizer {
  const { space, seed } = options;
  const initialDesign = options.initialDesign ?? 5;
  const anchors = options.anchors ?? [];
  const encoding = options.providerEncoding ?? 'coregionalised';
  const augmented = (options.acquisition ?? 'augmented-ei') === 'augmented-ei';
  const settings = { providerEncoding: encoding, raterOffsets: options.raterOffsets ?? true, usePreferences: options.usePreferences ?? true };
  if (!Number.isInteger(initialDesign) || initialDesign < 0) throw new Error('initialDesign must be a whole number of ratings (0 or more).');
  anchors.forEach((a, i) => checkPoint(space, a, `anchor ${i}`));
  const ratings: RatingObservation[] = [];
  const preferences: PreferenceObservation[] = [];
  let cache: Fitted | null = null;

  const fitted = (): Fitted | null => {
    if (ratings.length === 0 && preferences.length === 0) return null;
    if (!cache) {
      const dataset = buildDataset(space, encoding, ratings, preferences);
      const model = fitModel(dataset, settings, space.providers.length, mixSeed(seed, ratings.length, preferences.length));
      let incumbent = { index: 0, mean: Number.NEGATIVE_INFINITY, variance: 0 };
      let effective = { lower: Number.NEGATIVE_INFINITY, mean: 0 };
      const means = dataset.points.map((_, index) => {
        const { mean, variance } = predictAtPoint(model.posterior, index);
        if (mean > incumbent.mean) incumbent = { index, mean, variance };
        const lower = mean - Math.sqrt(variance);
        if (lower > effective.lower) effective = { lower, mean };
        return mean;
      });
      cache = { model, predictor: compilePredictor(model.posterior), means, incumbent, effectiveBest: effective.mean };
    }
    return cache;
  };

  const maximiseEi = (state: Fitted, predictor: Predictor, salt: number): AcquisitionResult => {
    const { model, effectiveBest } = state;
    const noiseSd = Math.sqrt(model.hyperparameters.noise);
    const axis = encoding === 'axis' && space.providers.length > 1;
    const toEncoded = (c: Candidate) => {
      if (!axis) return c;
      const coords = new Float64Array(4);
      coords.set(c.coords);
      coords[3] = c.provider / (space.providers.length - 1);
      return { provider: c.provider, coords };
    };
    // Starting points near the best points so far, so the local search can exploit around them.
    const extra = model.dataset.points
      .map((point, index) => ({ point, mean: state.means[index]! }))
      .sort((x, y) => y.mean - x.mean)
      .slice(0, EXTRA_STARTS)
      .map(({ point }) => {
        const encoded = encodePoint(space, encoding, point);
        return { provider: encoded.provider, coords: encoded.coords.slice(0, 3) };
      });
    return maximiseAcquisition({
      providers: space.providers.length,
      evaluate: (c) => {
        const { mean, variance } = predictor(toEncoded(c));
        return augmented
          ? augmentedExpectedImprovement(mean, Math.sqrt(variance), effectiveBest, noiseSd)
          : expectedImprovement(mean, Math.sqrt(variance), state.incumbent.mean);
      },
      seed: mixSeed(seed, ratings.length, preferences.length, salt),
      candidatesPerProvider: model.basis.rank > LARGE_BASIS ? CANDIDATES_PER_PROVIDER / 2 : CANDIDATES_PER_PROVIDER,
      refinements: REFINEMENTS,
      extra,
    });
  };

  const openMaximum = (state: Fitted) => (state.open ??= maximiseEi(state, conditionOnFantasies(state.predictor, [], 0), 0));

  const recommend = (): Recommendation | null => {
    const state = fitted();
    if (!state) return null;
    const { model, incumbent } = state;
    const { mean, scale } = model.dataset;
    const clamp = (r: number) => Math.min(5, Math.max(1, r));
    const predicted = mean + scale * incumbent.mean;
    const halfWidth = Z80 * scale * Math.sqrt(incumbent.variance);
    return {
      point: model.dataset.points[incumbent.index]!,
      predicted_rating: clamp(predicted),
      interval80: [clamp(predicted - halfWidth), clamp(predicted + halfWidth)],
    };
  };

  return {
    ask(n, pending) {
      if (!Number.isInteger(n) || n < 0) throw new Error(`ask: n must be a whole number of points, got ${String(n)}.`);
      pending.forEach((p, i) => checkPoint(space, p, `ask: pending point ${i}`));
      const state = ratings.length < initialDesign ? null : fitted();
      if (!state) {
        const observed = new Set(ratings.map((r) => pointKey(r.point))).size;
        return Array.from({ length: n }, (_, j) => ({
          point: designPoint(space, seed, observed + pending.length + j, anchors),
          origin: 'initial-design',
        }));
      }
      // Constant liar (Ginsbourger et al. 2010, "CL-min"): points already on their way pretend to
      // have scored the worst posterior mean seen, which pushes the next point away from them.
      const lie = Math.min(...state.means);
      const chosen: CanonicalPoint[] = [];
      const proposals: Proposal[] = [];
      for (let j = 0; j < n; j++) {
        const fantasies = [...pending, ...chosen].map((p) => ({ point: encodePoint(space, encoding, p), value: lie }));
        const result =
          fantasies.length === 0
            ? openMaximum(state)
            : maximiseEi(state, conditionOnFantasies(state.predictor, fantasies, state.model.hyperparameters.noise), fantasies.length);
        const point = decodePoint(space, result.provider, result.coords);
        chosen.push(point);
        proposals.push({ point, origin: fantasies.length === 0 ? 'ei' : 'ei-constant-liar' });
      }
      return proposals;
    },

    tell(observations) {
      observations.forEach((o, i) => checkRating(space, o, `tell: observation ${i}`));
      if (observations.length === 0) return;
      ratings.push(...observations.map((o) => ({ point: { ...o.point }, rating: o.rating, rater: o.rater })));
      cache = null;
    },

    tellPreference(outcomes) {
      outcomes.forEach((o, i) => checkPreference(space, o, `tellPreference: outcome ${i}`));
      if (outcomes.length === 0) return;
      preferences.push(...outcomes.map((o) => ({ a: { ...o.a }, b: { ...o.b }, outcome: o.outcome, rater: o.rater })));
      cache = null;
    },

    recommend,

    status() {
      const stage = ratings.length < initialDesign ? 'initial-design' : 'model';
      const recommendation = recommend();
      const state = fitted();
      const convergence =
        stage === 'model' && state ? convergenceOf(openMaximum(state).value, state.model.hyperparameters) : null;
      const raterOffsets: Record<string, number> = {};
      if (state) {
        const offsets = raterOffsetsOf(state.model);
        state.model.dataset.raters.forEach((rater, r) => (raterOffsets[rater] = state.model.dataset.scale * offsets[r]!));
      }
      const observations = ratings.length;
      const stopRule = stopRuleOf(observations, recommendation?.predicted_rating ?? null);
      return {
        observations,
        raters: new Set([...ratings.map((r) => r.rater), ...preferences.map((p) => p.rater)]).size,
        raw_best_rating: observations > 0 ? Math.max(...ratings.map((r) => r.rating)) : null,
        recommendation,
        convergence,
        estimated_trials_remaining: trialsRemaining(observations, stopRule, convergence),
        stage,
        rater_offsets: raterOffsets,
        stop_rule: stopRule,
      };
    },
  };
}
