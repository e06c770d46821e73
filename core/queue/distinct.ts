import type { ProviderId } from '../api';
import type { GenerationProvider } from '../generation';
import { compareThumbprints, thumbprint, type ImageDistance } from '../images';
import { mixSeed, toCanonical, toProviderParameters, type CanonicalPoint, type ParameterProposer } from '../optimizer';
import type { ExperimentRecord, Store } from '../store';

/**
 * Below this distance (core/images/distance.ts, in 8-bit levels) a pair's options cannot be told
 * apart and the pair is not shown. Calibrated with `npm run bench:distinct` on the local
 * enhancer's outputs of the sample renders (core/queue/README.md): re-encoding an output moves it
 * by at most 0.54, and the smallest prompt effects a trainer can see on screen measure about 2.5.
 */
export const INDISTINCT_BELOW = 2;
/** Proposals tried in place of one whose image looks like its partner's, before the pair is set aside. */
export const MAX_REPLACEMENTS = 3;
/** Optimizer pairs set aside in a row before the queue stops making new ones for a while. */
export const MAX_SET_ASIDE_IN_A_ROW = 3;
// A provider that ignores its parameters would otherwise keep both cores busy making pairs no one
// sees: the pause starts at a minute and doubles up to an hour, and a shown pair ends it.
const FIRST_PAUSE_MS = 60_000;
const LONGEST_PAUSE_MS = 3_600_000;

export interface DistinctDeps {
  store: Store;
  imagePath(sha256: string): string | null;
  providers: ReadonlyMap<ProviderId, GenerationProvider>;
  proposer: ParameterProposer;
  /** Generates the options of `experiment` that have no output; an error message when one failed. */
  regenerate(experiment: ExperimentRecord): Promise<string | null>;
  /** A prompt test's pair came out indistinct: its candidate may have no visible effect. */
  onIndistinctTest?(experiment: ExperimentRecord): void;
  log(message: string): void;
  now(): number;
}

/** What became of a generated pair: shown, set aside unseen, or failed while replacing a proposal. */
export type Settled = { status: 'ready' } | { status: 'indistinct' } | { status: 'failed'; error: string };

const ZERO: ImageDistance = { colour: 0, detail: 0, distance: 0 };

/**
 * The gate between generating a pair and showing it: compares the two outputs and keeps back a
 * pair a trainer could not tell apart. Identical bytes never get past it; neither does a distance
 * below INDISTINCT_BELOW. A prompt test's pair is set aside (the prompts decide what that says
 * about the candidate); an optimizer pair gets a new proposal for the option that is not the
 * recommendation, up to MAX_REPLACEMENTS times, then is set aside so the queue moves on.
 * Every comparison is recorded in pair_checks.
 */
export function createDistinctGate(deps: DistinctDeps) {
  const { store } = deps;
  let setAsideInARow = 0;
  let pauses = 0;
  let pausedUntil: number | null = null;

  function count(outcome: Settled['status'], test: boolean): void {
    if (outcome === 'ready') {
      setAsideInARow = 0;
      pauses = 0;
      pausedUntil = null;
    } else if (outcome === 'indistinct' && !test && ++setAsideInARow >= MAX_SET_ASIDE_IN_A_ROW) {
      const pauseMs = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** pauses++);
      setAsideInARow = 0;
      pausedUntil = deps.now() + pauseMs;
      deps.log(`${MAX_SET_ASIDE_IN_A_ROW} pairs in a row could not be told apart: no new pairs for ${Math.round(pauseMs / 1000)} s (does the provider use its parameters?)`);
    }
  }

  async function compare(experiment: ExperimentRecord, attempt: number): Promise<{ toldApart: boolean; why: string }> {
    const [a, b] = experiment.options;
    const identical = a!.output_sha256 === b!.output_sha256;
    let distance = ZERO;
    if (!identical) {
      const paths = [a!, b!].map((o) => deps.imagePath(o.output_sha256!));
      if (paths.some((p) => p === null)) throw new Error('An output image of the pair is missing from the data folder.');
      const [ta, tb] = await Promise.all(paths.map((p) => thumbprint(p!)));
      distance = compareThumbprints(ta!, tb!);
    }
    const toldApart = !identical && distance.distance >= INDISTINCT_BELOW;
    store.pairChecks.record({ experiment_id: experiment.id, attempt, identical, ...distance, told_apart: toldApart });
    return { toldApart, why: identical ? 'identical images' : `distance ${distance.distance.toFixed(2)} below ${INDISTINCT_BELOW}` };
  }

  /** Plans the non-recommended option of an optimizer pair anew, away from every point tried; false when none is left. */
  function replace(experiment: ExperimentRecord, tried: CanonicalPoint[], attempt: number): boolean {
    const index = experiment.options[1]!.origin === 'recommendation' ? 0 : 1;
    const option = experiment.options[index]!;
    const partner = JSON.stringify(toCanonical(experiment.options[1 - index]!.parameters));
    tried.push(toCanonical(option.parameters));
    const pending = [...store.experiments.pendingOptions(experiment.mode).map((o) => toCanonical(o.parameters)), ...tried];
    const proposals = deps.proposer.proposePair({ mode: experiment.mode, providers: [option.provider], round: store.experiments.total() + attempt, pending });
    const fresh = proposals.find((p) => JSON.stringify(p.point) !== partner && !tried.some((t) => JSON.stringify(t) === JSON.stringify(p.point)));
    const provider = fresh && deps.providers.get(fresh.point.provider);
    if (!fresh || !provider) return false;
    store.pairChecks.replanOption(option.id, provider.effectiveParameters(toProviderParameters(fresh.point)), `${fresh.origin}+replaced`, mixSeed(option.seed, attempt + 1));
    return true;
  }

  /** Decides a freshly generated pair; replacement proposals are generated before it returns. */
  async function decide(experimentId: string, test: boolean): Promise<Settled> {
    const tried: CanonicalPoint[] = [];
    for (let attempt = 0; ; attempt++) {
      const experiment = store.experiments.get(experimentId)!;
      const { toldApart, why } = await compare(experiment, attempt);
      if (toldApart) return { status: 'ready' };
      const exhausted = attempt >= MAX_REPLACEMENTS;
      if (test || exhausted || !replace(experiment, tried, attempt)) {
        store.pairChecks.setIndistinct(experimentId);
        const reason = test ? 'the two prompt versions gave the same picture' : exhausted ? `${MAX_REPLACEMENTS} replacement proposals looked the same too` : 'no other proposal was left';
        deps.log(`pair ${experimentId} set aside unseen (${why}): ${reason}`);
        if (test) deps.onIndistinctTest?.(experiment);
        return { status: 'indistinct' };
      }
      deps.log(`pair ${experimentId}: a proposal was replaced (${why})`);
      const error = await deps.regenerate(store.experiments.get(experimentId)!);
      if (error) return { status: 'failed', error };
    }
  }

  return {
    /** Until when the queue makes no new pairs, after too many in a row were set aside; null when it may. */
    pausedUntil(): number | null {
      return pausedUntil !== null && pausedUntil > deps.now() ? pausedUntil : null;
    },
    async settle(experimentId: string): Promise<Settled> {
      const test = store.experiments.get(experimentId)!.options.every((o) => o.origin === 'prompt-test');
      const settled = await decide(experimentId, test);
      count(settled.status, test);
      return settled;
    },
  };
}
export type DistinctGate = ReturnType<typeof createDistinctGate>;
