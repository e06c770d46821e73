import type { Mode, Outcome, ProviderId } from '../api';
import {
  createOptimizer,
  createSpace,
  mixSeed,
  mulberry32,
  seedCurrentValues,
  toCanonical,
  type CanonicalPoint,
  type Hyperparameters,
  type Optimizer,
  type OptimizerStatus,
  type ParameterProposer,
  type PreferenceObservation,
  type Proposal,
  type RatingObservation,
} from '../optimizer';
import { raterFigures, relativeWeights, reliabilityWeights } from '../raters';
import type { RatedOption, Store } from '../store';
import { createFitWorker, type Fitter } from './optimizer-worker-host';

// The seed's stop rule for Phase 1 (50 samples, or the best rating reaching 4.0, or the admin) lives
// in the optimizer; "best rating" is the recommendation's predicted rating, not the highest single
// noisy rating. The admin's override is kept here, in settings.
export { MAX_SAMPLES as PHASE_1_TARGET_SAMPLES, TARGET_RATING as PHASE_1_TARGET_RATING } from '../optimizer';

export type Phase1Override = 'stopped' | 'resumed' | null;
export type StopRule = 'samples' | 'best_rating' | 'admin' | null;

export interface Phase1State {
  complete: boolean;
  stopRule: StopRule;
  override: Phase1Override;
  samples: number;
  optimizer: OptimizerStatus;
}

const overrideKey = (mode: Mode) => `phase1_override:${mode}` as const;

/**
 * The two signals one rated pair gives: a rating per option, and which option won, each weighted
 * by its rater's reliability (`weights`, core/raters) relative to the most reliable rater's.
 */
export function observationsOf(rated: RatedOption[], providers: readonly ProviderId[], weights: ReadonlyMap<string, number> = new Map()) {
  const weightOf = relativeWeights(weights, new Set(rated.map((o) => o.rated_by)));
  const ratings: RatingObservation[] = [];
  const pairs = new Map<string, { a?: CanonicalPoint; b?: CanonicalPoint; ratingA?: number; ratingB?: number; outcome: Outcome; rater: string }>();
  for (const option of rated) {
    if (!providers.includes(option.provider)) continue;
    const point = toCanonical(option.parameters);
    ratings.push({ point, rating: option.rating, rater: option.rated_by, weight: weightOf(option.rated_by) });
    const pair = pairs.get(option.rating_id) ?? { outcome: option.outcome, rater: option.rated_by };
    if (option.label === 'A') [pair.a, pair.ratingA] = [point, option.rating];
    else [pair.b, pair.ratingB] = [point, option.rating];
    pairs.set(option.rating_id, pair);
  }
  const preferences: PreferenceObservation[] = [];
  for (const pair of pairs.values()) {
    // A prompt's paired test ('prompt-test' options) shows one point twice: its choice is about the
    // prompts and says nothing about the parameters, so it is no preference for the optimizer.
    const samePoint = pair.a && pair.b && JSON.stringify(pair.a) === JSON.stringify(pair.b);
    if (!pair.a || !pair.b || samePoint) continue;
    // With the round's ratings the optimizer counts only what the outcome adds to them.
    const ratings = pair.ratingA !== undefined && pair.ratingB !== undefined ? { a: pair.ratingA, b: pair.ratingB } : undefined;
    preferences.push({ a: pair.a, b: pair.b, outcome: pair.outcome, rater: pair.rater, weight: weightOf(pair.rater), ...(ratings ? { ratings } : {}) });
  }
  return { ratings, preferences };
}

/**
 * Phase 1 learning, one optimizer per mode. Its state is derived from the ratings table: the
 * optimizer is rebuilt whenever the ratings change (a local rating, an undo, a sync that pulled
 * other trainers' work), and cached until they change again, so there is no second copy to keep.
 *
 * The costly part of a rebuild, the hyperparameter fit, runs in `fitter` (a worker thread): a
 * rebuild conditions on every rating at once with the last fit's hyperparameters (the prior
 * medians before the first), and is rebuilt once more when the fit for its ratings arrives. If
 * the worker fails, rebuilds fit on the spot as before: slower, never wrong.
 */
export function createLearning(store: Store, seed: number, enabledProviders: () => readonly ProviderId[], fitter: Fitter = createFitWorker()) {
  const cache = new Map<Mode, { key: string; optimizer: Optimizer }>();
  const fits = new Map<Mode, { key: string; hyperparameters: Hyperparameters }>();
  const inFlight = new Map<Mode, Promise<void>>();
  let fitOnTheSpot = false;

  function startFit(mode: Mode): void {
    const entry = cache.get(mode);
    const job = entry?.optimizer.fitJob();
    if (!entry || !job || inFlight.has(mode) || fitOnTheSpot) return;
    const fit = fitter
      .fit(job)
      .then(
        (hyperparameters) => fits.set(mode, { key: entry.key, hyperparameters }),
        () => (fitOnTheSpot = true),
      )
      .then(() => {
        inFlight.delete(mode);
        // The ratings it was fitted on are still current: rebuild with it on the next call.
        // They changed meanwhile: fit again, for the ratings as they are now.
        if (cache.get(mode)?.key === entry.key) cache.delete(mode);
        else startFit(mode);
      });
    inFlight.set(mode, fit);
  }

  function optimizerFor(mode: Mode): Optimizer {
    const providers = [...enabledProviders()].sort();
    // Excluding a rater changes which ratings count without writing one: it is part of the key.
    const excluded = JSON.stringify(store.settings.get('excluded_raters') ?? []);
    const key = `${store.ratings.revision()}|${providers.join(',')}|${excluded}`;
    const cached = cache.get(mode);
    if (cached?.key === key) return cached.optimizer;
    const last = fits.get(mode);
    const optimizer = createOptimizer({
      space: createSpace(providers),
      seed: mixSeed(seed, mode === 'structure' ? 1 : 2),
      // The seed's current values open the initial design: the baseline every later point is judged against.
      anchors: providers.map((provider) => seedCurrentValues(mode, provider)),
      ...(fitOnTheSpot ? {} : { hyperparameters: last?.hyperparameters ?? 'prior' }),
    });
    // Gold pairs and repeats stay out of the observations but measure each rater's reliability.
    const weights = reliabilityWeights(raterFigures(store.quality.raterAnswers()).raters);
    const { ratings, preferences } = observationsOf(store.ratings.ratedOptions({ mode }), providers, weights);
    optimizer.tell(ratings);
    optimizer.tellPreference(preferences);
    cache.set(mode, { key, optimizer });
    if (last?.key !== key) startFit(mode);
    return optimizer;
  }

  /** Resolves once the mode's optimizer uses hyperparameters fitted on the current ratings. */
  async function fitted(mode: Mode): Promise<void> {
    optimizerFor(mode);
    for (let fit = inFlight.get(mode); fit; fit = inFlight.get(mode)) {
      await fit;
      optimizerFor(mode);
    }
  }

  function override(mode: Mode): Phase1Override {
    return store.settings.get(overrideKey(mode)) ?? null;
  }

  function phase1(mode: Mode): Phase1State {
    const optimizer = optimizerFor(mode).status();
    const samples = store.ratings.samplesCollected(mode);
    const admin = override(mode);
    let stopRule: StopRule = null;
    if (admin === 'stopped') stopRule = 'admin';
    else if (admin !== 'resumed' && optimizer.stop_rule) stopRule = optimizer.stop_rule === 'max-samples' ? 'samples' : 'best_rating';
    return { complete: stopRule !== null, stopRule, override: admin, samples, optimizer };
  }

  const proposer: ParameterProposer = {
    name: 'bayesian',
    proposePair({ mode, round, pending, providers }): [Proposal, Proposal] {
      return onlyAllowed(proposeFromModel(mode, round, pending), providers, round);
    },
  };

  function proposeFromModel(mode: Mode, round: number, queued: readonly CanonicalPoint[]): [Proposal, Proposal] {
    // Pairs queued for a provider that has since left the space (its key removed) are not the model's pending points.
    const inSpace = enabledProviders();
    const pending = queued.filter((p) => inSpace.includes(p.provider));
    const optimizer = optimizerFor(mode);
    const recommendation = phase1(mode).complete ? optimizer.recommend() : null;
    let pair: [Proposal, Proposal];
    if (recommendation) {
      // Phase 1 is over: keep showing the best settings, against one more informative point,
      // so the reward model and prompt A/B tests see the region that matters.
      const [other] = optimizer.ask(1, [...pending, recommendation.point]);
      pair = [{ point: recommendation.point, origin: 'recommendation' }, other!];
    } else {
      const [first, second] = optimizer.ask(2, pending);
      pair = [first!, second!];
    }
    // A seeded coin picks the sides, so the stronger proposal is not always A (trainers would
    // learn the side) and the same ratings and seed still give the same pairs.
    return mulberry32(mixSeed(seed, round, 0xab))() < 0.5 ? pair : [pair[1], pair[0]];
  }

  /**
   * A provider that is paused (failures, rate, cap) stays in the model but cannot take this pair: its
   * point goes to an allowed provider, same canonical settings (one number means one look on every
   * provider), and its origin says so.
   */
  function onlyAllowed(pair: [Proposal, Proposal], allowed: readonly ProviderId[], round: number): [Proposal, Proposal] {
    if (allowed.length === 0) return pair;
    return pair.map((proposal, i) =>
      allowed.includes(proposal.point.provider)
        ? proposal
        : { point: { ...proposal.point, provider: allowed[(round + i) % allowed.length]! }, origin: `${proposal.origin}, provider held` },
    ) as [Proposal, Proposal];
  }

  return {
    proposer,
    phase1,
    optimizerFor,
    fitted,
    close: () => fitter.close(),
    setOverride(mode: Mode, action: 'stop' | 'resume' | 'auto'): void {
      store.settings.set(overrideKey(mode), action === 'stop' ? 'stopped' : action === 'resume' ? 'resumed' : null);
    },
  };
}
export type Learning = ReturnType<typeof createLearning>;
