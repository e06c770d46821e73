import { augmentedExpectedImprovement, expectedImprovement, type AcquisitionResult } from './acquisition';
import { buildDataset, decodePoint, encodePoint, pointKey, type Dataset, type PreferenceObservation, type RatingObservation } from './dataset';
import { designPoint } from './design';
import { parameterEffects, type ParameterEffects } from './effects';
import type { PriorFamily } from './hyperparameters';
import type { EncodedPoint, ProviderEncoding } from './kernel';
import { conditionOnFantasies, type Fantasy, type Predictor } from './fantasies';
import { predictPoint, type PointPrediction } from './predictor';
import { fitJobOf, type FitJob } from './fitJob';
import type { Hyperparameters } from './marginalLikelihood';
import { fitModel, layoutOf, raterOffsets as raterOffsetsOf } from './model';
import { mixSeed } from './prng';
import type { Proposal } from './proposer';
import { maximiseOverSpace, searchCandidates, type Score } from './search';
import type { CanonicalPoint, OptimizerSpace } from './space';
import { fittedState, hasSignal, Z80, type FittedState } from './state';
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
  /** The hyperparameter fit for the current observations as a job of plain data; null without ratings. */
  fitJob(): FitJob | null;
  /** The hyperparameters the model uses (fitted here or given); null without observations. */
  hyperparameters(): Hyperparameters | null;
  /** Expected rating of an average rater at a point, with its 80% interval; null without observations. */
  predict(point: CanonicalPoint): Omit<Recommendation, 'point'> | null;
  /** Partial dependence of the expected rating on each setting and the provider (effects.ts); null without observations. */
  effects(): ParameterEffects | null;
}

export interface OptimizerOptions {
  space: OptimizerSpace;
  seed: number;
  /** Learn from the A/B outcomes too (default true). */
  usePreferences?: boolean;
  /** Ratings collected before the model takes over (default 5, the seed's "5 random"). */
  initialDesign?: number;
  /**
   * Go on with the space-filling design after `initialDesign` until the ratings single out a
   * setting (state.ts, `hasSignal`), for at most this many ratings (default 30; 0 = a fixed design).
   */
  designUntilSignal?: number;
  /** Points the initial design starts with, e.g. the seed's current values. */
  anchors?: readonly CanonicalPoint[];
  /**
   * The benchmark's plain GP-EI is this optimizer with the seed's and general tools' choices: the
   * provider as a 0/1 axis, no rater offsets, textbook EI (against the best posterior mean),
   * priors on standardised ratings, a fixed design, the recommendation among the tried points.
   */
  providerEncoding?: ProviderEncoding;
  raterOffsets?: boolean;
  acquisition?: 'augmented-ei' | 'ei';
  /** Hyperparameter priors in rating points (default) or on standardised ratings. */
  priors?: PriorFamily;
  /** Recommend the best posterior mean anywhere in the space (default) or among the tried points. */
  recommendFrom?: 'space' | 'tried';
  /**
   * Hyperparameters fitted elsewhere (`runFitJob` in a worker, possibly on an earlier set of
   * ratings): used instead of fitting on the request path; the posterior still sees every rating.
   * 'prior': the prior medians, until a first fit is ready.
   */
  hyperparameters?: Hyperparameters | 'prior';
}

const DESIGN_UNTIL_SIGNAL = 30;

export function createOptimizer(options: OptimizerOptions): Optimizer {
  const { space, seed } = options;
  const initialDesign = options.initialDesign ?? 5;
  const designCap = options.designUntilSignal ?? DESIGN_UNTIL_SIGNAL;
  const anchors = options.anchors ?? [];
  const encoding = options.providerEncoding ?? 'coregionalised';
  const augmented = (options.acquisition ?? 'augmented-ei') === 'augmented-ei';
  const priors = options.priors ?? 'rating-scale';
  const fromSpace = (options.recommendFrom ?? 'space') === 'space';
  const settings = {
    providerEncoding: encoding,
    raterOffsets: options.raterOffsets ?? true,
    usePreferences: options.usePreferences ?? true,
    priors,
  };
  if (!Number.isInteger(initialDesign) || initialDesign < 0) throw new Error('initialDesign must be a whole number of ratings (0 or more).');
  if (!Number.isInteger(designCap) || designCap < 0) throw new Error('designUntilSignal must be a whole number of ratings (0 or more).');
  anchors.forEach((a, i) => checkPoint(space, a, `anchor ${i}`));
  const ratings: RatingObservation[] = [];
  const preferences: PreferenceObservation[] = [];
  let cache: FittedState | null = null;
  let datasetCache: Dataset | null = null;

  const dataset = () => (datasetCache ??= buildDataset(space, encoding, ratings, preferences, priors === 'standardised'));
  // Seeded by the evidence, not the calls: outcomes that repeat the ratings change nothing.
  const fitSeed = () => mixSeed(seed, ratings.length, dataset().preferences.length);

  const fitted = (): FittedState | null => {
    if (ratings.length === 0 && preferences.length === 0) return null;
    cache ??= fittedState(fitModel(dataset(), settings, space.providers.length, fitSeed(), options.hyperparameters));
    return cache;
  };

  /** The fitted state once the model takes over from the design; null while the design goes on. */
  const modelStage = (): FittedState | null => {
    if (ratings.length < initialDesign) return null;
    const state = fitted();
    if (state && ratings.length < designCap && !hasSignal(state)) return null;
    return state;
  };

  const searchSeed = (state: FittedState, salt: number) => mixSeed(seed, ratings.length, state.model.dataset.preferences.length, salt);
  const maximise = (state: FittedState, score: Score, salt: number) => maximiseOverSpace(space, encoding, state, score, searchSeed(state, salt));

  const eiCandidates = (state: FittedState) => {
    const candidates = searchCandidates(space, state, searchSeed(state, 0));
    return { candidates, members: new Set<object>(candidates), predictions: new Map<object, PointPrediction>() };
  };

  /** EI (augmented by default) given the fantasies of the pending points, maximised over the space. */
  const maximiseEi = (state: FittedState, fantasies: readonly Fantasy[]): AcquisitionResult => {
    const noiseSd = Math.sqrt(state.model.hyperparameters.noise);
    // Every EI search of this fit starts from the same candidates, whose unconditioned predictions
    // are kept: the second point of a pair and the pending points' fantasies reuse them.
    const shared = (state.eiCandidates ??= eiCandidates(state));
    const base = (point: EncodedPoint) => {
      const known = shared.predictions.get(point);
      if (known) return known;
      const prediction = predictPoint(state.predictor, point);
      if (shared.members.has(point)) shared.predictions.set(point, prediction);
      return prediction;
    };
    const predictor: Predictor = conditionOnFantasies(state.predictor, fantasies, fantasies.length > 0 ? state.model.hyperparameters.noise : 0, base);
    return maximiseOverSpace(
      space,
      encoding,
      state,
      (point) => {
        const { mean, variance } = predictor(point);
        return augmented
          ? augmentedExpectedImprovement(mean, Math.sqrt(variance), state.effectiveBest, noiseSd)
          : expectedImprovement(mean, Math.sqrt(variance), state.incumbent.mean);
      },
      searchSeed(state, 0),
      shared.candidates,
    );
  };

  const openMaximum = (state: FittedState) => (state.open ??= maximiseEi(state, []));

  // The salt of the recommendation's search: apart from every ask's (0 and the fantasy counts).
  const RECOMMENDATION_SALT = 0xbe57;

  const recommend = (): Recommendation | null => {
    const state = fitted();
    if (!state) return null;
    const { model, incumbent } = state;
    let best = { point: model.dataset.points[incumbent.index]!, mean: incumbent.mean, variance: incumbent.variance };
    if (fromSpace) {
      // The tried points are among the search's starts, so this never does worse than they do.
      const predictor = conditionOnFantasies(state.predictor, [], 0);
      const result = maximise(state, (point) => predictor(point).mean, RECOMMENDATION_SALT);
      if (result.value > best.mean) {
        const point = decodePoint(space, result.provider, result.coords);
        best = { point, ...predictor(encodePoint(space, encoding, point)) };
      }
    }
    const { mean, scale } = model.dataset;
    const clamp = (r: number) => Math.min(5, Math.max(1, r));
    const predicted = mean + scale * best.mean;
    const halfWidth = Z80 * scale * Math.sqrt(best.variance);
    return {
      point: best.point,
      predicted_rating: clamp(predicted),
      interval80: [clamp(predicted - halfWidth), clamp(predicted + halfWidth)],
    };
  };

  return {
    ask(n, pending) {
      if (!Number.isInteger(n) || n < 0) throw new Error(`ask: n must be a whole number of points, got ${String(n)}.`);
      pending.forEach((p, i) => checkPoint(space, p, `ask: pending point ${i}`));
      const state = modelStage();
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
        const result = fantasies.length === 0 ? openMaximum(state) : maximiseEi(state, fantasies);
        const point = decodePoint(space, result.provider, result.coords);
        chosen.push(point);
        proposals.push({ point, origin: fantasies.length === 0 ? 'ei' : 'ei-constant-liar' });
      }
      return proposals;
    },

    tell(observations) {
      observations.forEach((o, i) => checkRating(space, o, `tell: observation ${i}`));
      if (observations.length === 0) return;
      ratings.push(...observations.map((o) => ({ point: { ...o.point }, rating: o.rating, rater: o.rater, ...(o.weight === undefined ? {} : { weight: o.weight }) })));
      cache = null;
      datasetCache = null;
    },

    tellPreference(outcomes) {
      outcomes.forEach((o, i) => checkPreference(space, o, `tellPreference: outcome ${i}`));
      if (outcomes.length === 0) return;
      preferences.push(
        ...outcomes.map((o) => ({
          a: { ...o.a },
          b: { ...o.b },
          outcome: o.outcome,
          rater: o.rater,
          ...(o.weight === undefined ? {} : { weight: o.weight }),
          ...(o.ratings ? { ratings: { ...o.ratings } } : {}),
        })),
      );
      cache = null;
      datasetCache = null;
    },

    recommend,

    predict(point) {
      checkPoint(space, point, 'predict: point');
      const state = fitted();
      if (!state) return null;
      const { mean: centre, scale } = state.model.dataset;
      const { mean, variance } = conditionOnFantasies(state.predictor, [], 0)(encodePoint(space, encoding, point));
      const clamp = (r: number) => Math.min(5, Math.max(1, r));
      const predicted = centre + scale * mean;
      const halfWidth = Z80 * scale * Math.sqrt(variance);
      return { predicted_rating: clamp(predicted), interval80: [clamp(predicted - halfWidth), clamp(predicted + halfWidth)] };
    },

    effects() {
      const state = fitted();
      return state ? parameterEffects({ space, encoding, dataset: state.model.dataset, predictor: state.predictor }) : null;
    },

    fitJob() {
      if (ratings.length === 0) return null;
      return fitJobOf(dataset(), layoutOf(dataset(), settings, space.providers.length), priors, fitSeed());
    },

    hyperparameters() {
      const state = fitted();
      return state ? { ...state.model.hyperparameters, lengthscales: [...state.model.hyperparameters.lengthscales] } : null;
    },

    status() {
      const modelState = modelStage();
      const recommendation = recommend();
      const state = fitted();
      const convergence = modelState ? convergenceOf(openMaximum(modelState).value, modelState.model.hyperparameters) : null;
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
        stage: modelState ? 'model' : 'initial-design',
        rater_offsets: raterOffsets,
        stop_rule: stopRule,
      };
    },
  };
}
