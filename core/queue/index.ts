import type { Mode, ProviderId, QueueState } from '../api';
import type { GenerationProvider } from '../generation';
import type { StoredImage } from '../images';
import { mixSeed, toCanonical, toProviderParameters, type ParameterProposer } from '../optimizer';
import type { ExperimentRecord, Store } from '../store';
import type { PromptText } from '../generation';
import type { GenerateCandidate, Prefilter } from './prefilter';

export { createPrefilter, type Prefilter, type PrefilterDeps } from './prefilter';

export interface QueueDeps {
  store: Store;
  ingest(bytes: Buffer): Promise<StoredImage>;
  sourcePath(sha256: string): string | null;
  providers: ReadonlyMap<ProviderId, GenerationProvider>;
  proposer: ParameterProposer;
  /** The text of `version` (the current version when omitted) for a provider. */
  promptFor(provider: ProviderId, version?: string): PromptText;
  /** A candidate prompt's paired test that still needs pairs: A gets `baseline`, B `candidate`. */
  promptTest?(mode: Mode): { baseline: string; candidate: string } | null;
  settings(): { mode: Mode; prefetch: number; enabled_providers: ProviderId[] };
  newId(prefix: 'exp' | 'opt'): string;
  seed: number;
  onChange(state: QueueState): void;
  log(message: string): void;
  /** A generation that takes longer is abandoned as failed (remote APIs can hang). */
  generationTimeoutMs?: number;
  /** The reward model's pre-filter for background pairs (core/queue/prefilter.ts); absent, pairs are generated as proposed. */
  prefilter?: Prefilter;
}

const DEFAULT_GENERATION_TIMEOUT_MS = 180_000;

/** Runs one generation with a deadline; on expiry the provider is told to stop through its signal. */
async function withDeadline<T>(label: string, ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Reject first: the race must report the deadline, not the provider's reaction to the abort.
      reject(new Error(`${label} did not answer within ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}. Check the network or the provider's status; the queue retries with a growing pause.`));
      controller.abort();
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const MAX_BACKOFF_MS = 60_000;
// After a rating the trainer's next pair must appear first: the refill waits this long so that
// generating (which takes both cores) does not compete with showing the prefetched pair.
const REFILL_DELAY_MS = 400;

/**
 * The prefetch queue: keeps `prefetch` pairs generated and persisted ahead of the trainer, so the
 * next pair is on screen the moment a rating is submitted. Generation runs one pair at a time (both
 * options in parallel); every step is in SQLite, so a restart resumes where it stopped.
 */
export function createQueue(deps: QueueDeps) {
  const { store } = deps;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  let consecutiveFailures = 0;
  let backoffTimer: ReturnType<typeof setTimeout> | null = null;
  let refillTimer: ReturnType<typeof setTimeout> | null = null;
  const waiters = new Set<() => void>();
  // Pairs the pre-filter chooses before they are generated; in memory only: after a restart they are generated as proposed.
  const prefiltered = new Set<string>();
  // Modes whose last new pair was a prompt's paired-test pair (see createExperiment).
  const lastWasTest = new Set<Mode>();

  const state = (mode: Mode): QueueState => {
    const counts = store.experiments.counts(mode);
    return {
      target: deps.settings().prefetch,
      ready: counts.ready,
      generating: counts.generating,
      failed: counts.failed,
      next_experiment_id: store.experiments.queueHead(mode)?.id ?? null,
      last_error: consecutiveFailures > 0 ? store.experiments.lastFailure(mode) : null,
    };
  };

  const changed = () => {
    deps.onChange(state(deps.settings().mode));
    for (const wake of waiters) wake();
  };

  function callProvider(experiment: ExperimentRecord): GenerateCandidate {
    return (option, parameters, seed) => {
      const provider = deps.providers.get(option.provider);
      const sourcePath = deps.sourcePath(experiment.source_sha256);
      if (!provider) throw new Error(`Provider ${option.provider} is not installed on this workstation.`);
      if (!sourcePath) throw new Error('The source image is missing from the data folder.');
      const timeout = deps.generationTimeoutMs ?? DEFAULT_GENERATION_TIMEOUT_MS;
      return withDeadline(provider.label, timeout, (signal) =>
        provider.generate({ sourcePath, sourceSha256: experiment.source_sha256, parameters, prompt: deps.promptFor(option.provider, option.prompt_version), seed, signal }),
      );
    };
  }

  async function generateOption(experiment: ExperimentRecord, optionIndex: number): Promise<string | null> {
    const option = experiment.options[optionIndex]!;
    try {
      const result = await callProvider(experiment)(option, option.parameters, option.seed);
      const image = await deps.ingest(result.bytes);
      store.images.record(image);
      store.experiments.setOptionOutput(option.id, {
        output_sha256: image.sha256,
        latency_ms: result.latencyMs,
        cost_usd: result.costUsd,
        details: result.details,
      });
      return null;
    } catch (error) {
      const message = `Option ${option.label} (${option.provider}) failed: ${(error as Error).message}`;
      store.experiments.setOptionError(option.id, message);
      return message;
    }
  }

  async function generate(experimentId: string): Promise<void> {
    const planned = prefiltered.delete(experimentId) ? store.experiments.get(experimentId) : undefined;
    if (planned?.status === 'generating') {
      await deps.prefilter!.choose(planned, callProvider(planned)).catch((error) => deps.log(`pre-filter of ${experimentId} failed: ${(error as Error).message}`));
    }
    const experiment = store.experiments.get(experimentId);
    if (!experiment || experiment.status !== 'generating') return;
    const errors = (await Promise.all(experiment.options.map((o, i) => (o.output_sha256 ? null : generateOption(experiment, i)))))
      .filter((e): e is string => e !== null);
    const error = errors.length ? errors.join(' ') : null;
    store.experiments.finishGeneration(experimentId, error);
    consecutiveFailures = error ? consecutiveFailures + 1 : 0;
    if (error) deps.log(`pair ${experimentId} failed: ${error}`);
    changed();
  }

  /** Serialises generations: two cores, and sharp already uses both for one image. */
  function schedule(experimentId: string): Promise<void> {
    const run = chain.then(() => (closed ? undefined : generate(experimentId)));
    chain = run.catch((error) => deps.log(`generation crashed: ${(error as Error).message}`));
    return chain;
  }

  function createExperiment(sourceSha256: string, mode: Mode, priority: number, extra: { project_id?: string; site_visit_id?: string } = {}) {
    const { enabled_providers } = deps.settings();
    const providers = enabled_providers.filter((p) => deps.providers.get(p)?.available());
    if (providers.length === 0) throw new Error('No enabled image provider is available. Enable the local enhancer in settings.');
    const round = store.experiments.total();
    const pending = store.experiments.pendingOptions(mode).map((o) => toCanonical(o.parameters));
    const proposed = deps.proposer.proposePair({ mode, providers, round, pending });
    // A prompt's paired test: one proposal shown twice with the same seed, so only the prompt differs.
    // Prompt tests take every other pair at most: evolution runs nearly all the time (every 10
    // samples while below 4.5), and Phase 1 and the reward model's pre-filter must keep learning.
    const test = lastWasTest.has(mode) ? null : (deps.promptTest?.(mode) ?? null);
    if (test) lastWasTest.add(mode);
    else lastWasTest.delete(mode);
    const pair = test ? [proposed[0], proposed[0]] : proposed;
    return store.experiments.create({
      id: deps.newId('exp'),
      source_sha256: sourceSha256,
      mode,
      priority,
      ...extra,
      options: pair.map((proposal, i) => ({
        id: deps.newId('opt'),
        label: i === 0 ? ('A' as const) : ('B' as const),
        provider: proposal.point.provider,
        parameters: toProviderParameters(proposal.point),
        origin: test ? 'prompt-test' : proposal.origin,
        prompt_version: test ? (i === 0 ? test.baseline : test.candidate) : deps.promptFor(proposal.point.provider).version,
        seed: mixSeed(deps.seed, round, test ? 0 : i),
      })),
    });
  }

  function fill(): void {
    if (closed || backoffTimer) return;
    const { mode, prefetch } = deps.settings();
    const counts = store.experiments.counts(mode);
    const missing = prefetch - counts.ready - counts.generating;
    if (missing <= 0) return;
    if (consecutiveFailures > 0) {
      // A provider that keeps failing must not burn through the queue (or an API budget): retry one
      // pair after 1 s, 2 s, 4 s … up to a minute; a success resets the count and the queue refills.
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (consecutiveFailures - 1));
      backoffTimer = setTimeout(() => {
        backoffTimer = null;
        if (!closed) fillNow(1);
      }, delay);
      return;
    }
    fillNow(missing);
  }

  function fillNow(count = 1): void {
    const { mode } = deps.settings();
    const sources = store.images.leastUsedSources(mode);
    for (let i = 0; i < count && sources.length > 0; i++) {
      const source = sources[i % sources.length]!;
      try {
        const experiment = createExperiment(source.sha256, mode, 0);
        if (deps.prefilter?.applies(experiment)) prefiltered.add(experiment.id);
        void schedule(experiment.id).then(fill);
      } catch (error) {
        deps.log(`cannot fill the queue: ${(error as Error).message}`);
        return;
      }
    }
    changed();
  }

  return {
    /** Resumes pairs that were generating when the app stopped, then tops the queue up. */
    start(): void {
      for (const id of store.experiments.idsWithStatus('generating')) void schedule(id).then(fill);
      fill();
    },
    fill,
    /** Tops the queue up shortly, leaving the CPU to the pair being shown right now. */
    fillSoon(): void {
      if (closed || refillTimer) return;
      refillTimer = setTimeout(() => {
        refillTimer = null;
        fill();
      }, REFILL_DELAY_MS);
    },
    state,
    /** A pair for an upload or a chosen sample: goes to the front and resolves once generated. */
    async createNow(sourceSha256: string, mode: Mode, extra: { project_id?: string; site_visit_id?: string }) {
      const experiment = createExperiment(sourceSha256, mode, store.experiments.topPriority() + 1, extra);
      changed();
      await schedule(experiment.id);
      return store.experiments.get(experiment.id)!;
    },
    /** Resolves when a ready pair exists for `mode`, or after `ms`. */
    waitForReady(mode: Mode, ms: number): Promise<void> {
      if (ms <= 0 || store.experiments.queueHead(mode)) return Promise.resolve();
      return new Promise((resolve) => {
        let timedOut = false;
        const done = () => {
          if (!store.experiments.queueHead(mode) && !timedOut && !closed) return;
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(() => {
          timedOut = true;
          done();
        }, ms);
        waiters.add(done);
      });
    },
    async close(): Promise<void> {
      closed = true;
      if (backoffTimer) clearTimeout(backoffTimer);
      if (refillTimer) clearTimeout(refillTimer);
      for (const wake of waiters) wake();
      await chain;
    },
  };
}
export type Queue = ReturnType<typeof createQueue>;
