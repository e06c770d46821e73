import type { Mode, ProviderId, QueueState, Settings } from '../api';
import type { GenerationProvider, PromptText } from '../generation';
import type { StoredImage } from '../images';
import type { ParameterProposer } from '../optimizer';
import type { ExperimentRecord, Store } from '../store';
import { withDeadline } from './deadline';
import { createDistinctGate } from './distinct';
import { createPack } from './pack';
import { createPaceMeter } from './pace';
import { createPairMaker } from './pair';
import { createProviderPool, retryAfterOf, type Started } from './pool';
import { createQualityPairs } from './quality';
import type { GenerateCandidate, Prefilter } from './prefilter';
import { createTask } from '../schedule';
import { realScheduler, type Scheduler } from './scheduler';

export { createPrefilter, type Prefilter, type PrefilterDeps } from './prefilter';
export { readyTarget } from './pace';
export { INDISTINCT_BELOW, MAX_REPLACEMENTS, MAX_SET_ASIDE_IN_A_ROW } from './distinct';
export { RATED_BEFORE_MEASURING } from './quality';
export { realScheduler, type Scheduler } from './scheduler';
export type { ProviderPool } from './pool';

export interface QueueDeps {
  store: Store;
  ingest(bytes: Buffer): Promise<StoredImage>;
  /** The stored file of an image (a source render or an output). */
  imagePath(sha256: string): string | null;
  providers: ReadonlyMap<ProviderId, GenerationProvider>;
  proposer: ParameterProposer;
  /** The text of `version` (the current version when omitted) for a provider. */
  promptFor(provider: ProviderId, version?: string): PromptText;
  /** A candidate prompt's paired test that still needs pairs; a seeded coin says which side gets the candidate. */
  promptTest?(mode: Mode): { baseline: string; candidate: string } | null;
  /** A prompt test's pair was set aside: its two versions' outputs could not be told apart. */
  onIndistinctTest?(experiment: ExperimentRecord): void;
  settings(): Pick<Settings, 'mode' | 'prefetch' | 'prefetch_max' | 'enabled_providers' | 'providers' | 'gold_pair_rate' | 'repeat_pair_rate'>;
  newId(prefix: 'exp' | 'opt'): string;
  seed: number;
  onChange(state: QueueState): void;
  log(message: string): void;
  /** A generation that takes longer is abandoned as failed (remote APIs can hang). */
  generationTimeoutMs?: number;
  /** The reward model's pre-filter for background pairs (core/queue/prefilter.ts); absent, pairs are generated as proposed. */
  prefilter?: Prefilter;
  /** Time and timers; the real ones by default. */
  scheduler?: Scheduler;
}

const DEFAULT_GENERATION_TIMEOUT_MS = 180_000;
// After a rating the trainer's next pair must appear first: the refill waits this long so that
// generating (which takes both cores) does not compete with showing the prefetched pair.
const REFILL_DELAY_MS = 400;

/**
 * The prefetch queue: keeps enough pairs generated and persisted ahead of the trainer for their pace
 * and the providers' latency, so the next pair is on screen the moment a rating is submitted. Pairs
 * on this machine's enhancer run one at a time (both options in parallel); remote pairs run side by
 * side within each provider's limits. Every step is in SQLite, so a restart resumes where it stopped.
 */
export function createQueue(deps: QueueDeps) {
  const { store } = deps;
  const scheduler = deps.scheduler ?? realScheduler;
  // A rating tops the queue up shortly after, leaving the CPU to the pair being shown right now.
  const refill = createTask(scheduler, () => fill(), { delayMs: REFILL_DELAY_MS, report: (error) => deps.log(`refilling the queue failed: ${error.message}`) });
  const closing = new AbortController();
  let chain: Promise<void> = Promise.resolve();
  const running = new Set<Promise<void>>();
  let cancelWake: (() => void) | null = null;
  const waiters = new Set<() => void>();
  // Pairs the pre-filter chooses before they are generated; in memory only: after a restart they are generated as proposed.
  const prefiltered = new Set<string>();
  // Pairs found generating at start (the app stopped while they ran): they wait for their providers' limits like new ones.
  const resumed: string[] = [];
  let lastFailed = false;
  const pace = createPaceMeter();
  const pool = createProviderPool({
    providers: deps.providers,
    enabled: () => deps.settings().enabled_providers,
    settings: (id) => deps.settings().providers[id],
    now: () => scheduler.now(),
  });
  const pack = createPack(store);
  const createExperiment = createPairMaker(deps);
  const quality = createQualityPairs({ ...deps, rates: () => ({ gold: deps.settings().gold_pair_rate, repeat: deps.settings().repeat_pair_rate }) });

  // This machine's enhancer makes one pair at a time, so more pairs in flight would not come sooner:
  // the pace-and-latency target applies once a remote provider, which runs jobs side by side, can serve.
  const remoteServes = () => deps.settings().enabled_providers.some((id) => deps.providers.get(id)?.remote && deps.providers.get(id)?.available());
  const target = (mode: Mode) => {
    const { prefetch, prefetch_max } = deps.settings();
    const normal = remoteServes() ? pace.target(prefetch, Math.max(prefetch, prefetch_max)) : prefetch;
    return Math.max(normal, pack.wanted(mode));
  };

  const state = (mode: Mode): QueueState => {
    const counts = store.experiments.counts(mode);
    return {
      target: target(mode),
      ready: counts.ready,
      generating: counts.generating,
      failed: counts.failed,
      indistinct: store.pairChecks.counts(mode),
      next_experiment_id: store.experiments.queueHead(mode)?.id ?? null,
      last_error: lastFailed ? store.experiments.lastFailure(mode) : null,
      held: pool.holds().map((h) => ({ provider: h.provider, reason: h.reason, until: h.untilMs === null ? null : new Date(h.untilMs).toISOString() })),
      pack: pack.view(mode, counts),
    };
  };

  const changed = () => {
    const mode = deps.settings().mode;
    pack.settle(mode, store.experiments.counts(mode));
    deps.onChange(state(mode));
    for (const wake of waiters) wake();
  };

  function callProvider(experiment: ExperimentRecord): GenerateCandidate {
    return (option, parameters, seed) => {
      const provider = deps.providers.get(option.provider);
      const sourcePath = deps.imagePath(experiment.source_sha256);
      if (!provider) throw new Error(`Provider ${option.provider} is not installed on this workstation.`);
      if (!sourcePath) throw new Error('The source image is missing from the data folder.');
      const timeout = deps.generationTimeoutMs ?? DEFAULT_GENERATION_TIMEOUT_MS;
      // Closing the app stops remote jobs (they cancel at the provider); a local one finishes, it takes a second.
      const parent = provider.remote ? closing.signal : new AbortController().signal;
      return withDeadline(scheduler, provider.label, timeout, parent, (signal) =>
        provider.generate({ sourcePath, sourceSha256: experiment.source_sha256, parameters, prompt: deps.promptFor(option.provider, option.prompt_version), seed, signal }),
      );
    };
  }

  async function generateOption(experiment: ExperimentRecord, optionIndex: number, started: Started): Promise<string | null> {
    const option = experiment.options[optionIndex]!;
    const slot = started.get(option.id);
    try {
      const result = await callProvider(experiment)(option, option.parameters, option.seed);
      if (slot) pool.finish(slot.provider, slot.job, { ok: true, costUsd: result.costUsd });
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
      if (slot) pool.finish(slot.provider, slot.job, { ok: false, costUsd: 0, retryAfterMs: retryAfterOf(error) }, message);
      store.experiments.setOptionError(option.id, message);
      return message;
    }
  }

  /** Generates the options that have no output yet; the failures' messages joined, or null. */
  async function generateMissing(experiment: ExperimentRecord, started: Started, serial: boolean): Promise<string | null> {
    const pending = experiment.options.map((o, i) => (o.output_sha256 ? null : i));
    const results: (string | null)[] = [];
    if (serial) for (const i of pending) results.push(i === null ? null : await generateOption(experiment, i, started));
    else results.push(...(await Promise.all(pending.map((i) => (i === null ? null : generateOption(experiment, i, started))))));
    const errors = results.filter((e): e is string => e !== null);
    return errors.length ? errors.join(' ') : null;
  }

  const gate = createDistinctGate({
    store,
    imagePath: deps.imagePath,
    providers: deps.providers,
    proposer: deps.proposer,
    // A replacement is one more job at the option's provider: it takes a slot when one is free, and
    // runs anyway when none is (a few at most per pair), so a busy provider cannot leave the pair hanging.
    regenerate: (experiment) => generateMissing(experiment, pool.startPair(experiment) ?? new Map(), true),
    onIndistinctTest: deps.onIndistinctTest,
    log: deps.log,
    now: () => scheduler.now(),
  });

  async function generate(experimentId: string, started: Started): Promise<void> {
    const planned = prefiltered.delete(experimentId) ? store.experiments.get(experimentId) : undefined;
    if (planned?.status === 'generating') {
      await deps.prefilter!.choose(planned, callProvider(planned)).catch((error) => deps.log(`pre-filter of ${experimentId} failed: ${(error as Error).message}`));
    }
    const experiment = store.experiments.get(experimentId);
    if (!experiment || experiment.status !== 'generating' || closing.signal.aborted) {
      for (const { provider, job } of started.values()) pool.release(provider, job);
      return;
    }
    const begun = scheduler.now();
    // Options that share a job (a provider doing one at a time) run one after the other; the rest side by side.
    const jobs = experiment.options.map((o) => started.get(o.id)?.job);
    const serial = jobs.some((job, i) => job !== undefined && jobs.indexOf(job) !== i);
    let error = await generateMissing(experiment, started, serial);
    // Only a pair whose options a trainer can tell apart is shown; the gate may generate replacements.
    const settled = error ? null : await gate.settle(experimentId).catch((e: Error) => ({ status: 'failed' as const, error: `The pair's two outputs could not be compared: ${e.message}` }));
    if (settled?.status === 'failed') error = settled.error;
    // A pair cut short by closing is left generating, to resume after the restart.
    if (closing.signal.aborted && error) return;
    if (settled?.status !== 'indistinct') store.experiments.finishGeneration(experimentId, error);
    if (!error && experiment.options.every((o) => deps.providers.get(o.provider)?.remote)) pace.generated(scheduler.now() - begun);
    lastFailed = error !== null;
    if (error) deps.log(`pair ${experimentId} failed: ${error}`);
    changed();
  }

  /** Pairs on this machine's enhancer go one after the other (two cores, and sharp uses both); remote pairs at once. */
  function run(experiment: ExperimentRecord, started: Started): Promise<void> {
    const local = experiment.options.some((o) => !deps.providers.get(o.provider)?.remote) || prefiltered.has(experiment.id);
    if (local) {
      const next = chain.then(() => generate(experiment.id, started));
      chain = next.catch((error) => deps.log(`generation crashed: ${(error as Error).message}`));
      return chain;
    }
    const task = generate(experiment.id, started).catch((error) => deps.log(`generation crashed: ${(error as Error).message}`));
    running.add(task);
    void task.finally(() => running.delete(task));
    return task;
  }

  /** Wakes the queue when a held provider may take jobs again (its pause, rate window or day ends). */
  function wakeLater(): void {
    cancelWake?.();
    cancelWake = null;
    const times = [pool.nextChangeMs(), gate.pausedUntil()].filter((t): t is number => t !== null);
    if (times.length === 0 || closing.signal.aborted) return;
    const at = Math.min(...times);
    cancelWake = scheduler.after(Math.max(1, at - scheduler.now()), () => {
      cancelWake = null;
      fill();
      changed();
    });
  }

  function fill(): void {
    if (closing.signal.aborted) return;
    const { mode } = deps.settings();
    let progressed = false;
    while (resumed.length > 0) {
      const experiment = store.experiments.get(resumed[0]!);
      if (!experiment || experiment.status !== 'generating') {
        resumed.shift();
        continue;
      }
      const started = pool.startPair(experiment);
      if (!started) break;
      resumed.shift();
      void run(experiment, started).then(fill);
      progressed = true;
    }
    const counts = store.experiments.counts(mode);
    let missing = gate.pausedUntil() === null ? target(mode) - counts.ready - counts.generating : 0;
    const sources = store.images.leastUsedSources(mode);
    for (let i = 0; missing > 0 && sources.length > 0; i++, missing--) {
      // A gold or repeat pair is made from rated ones, without a provider.
      const measuring = quality.next(mode);
      if (measuring) {
        const task = measuring.then(changed, (error: Error) => deps.log(`cannot make a gold or repeat pair: ${error.message}`));
        running.add(task);
        void task.finally(() => running.delete(task));
        progressed = true;
        continue;
      }
      // Two jobs: the optimizer may put both options on one provider.
      const providers = pool.eligible(2);
      if (providers.length === 0) break;
      try {
        const experiment = createExperiment(sources[i % sources.length]!.sha256, mode, 0, providers);
        const started = pool.startPair(experiment)!;
        if (deps.prefilter?.applies(experiment) && !experiment.options.some((o) => deps.providers.get(o.provider)?.remote)) prefiltered.add(experiment.id);
        void run(experiment, started).then(fill);
        progressed = true;
      } catch (error) {
        deps.log(`cannot fill the queue: ${(error as Error).message}`);
        break;
      }
    }
    wakeLater();
    if (progressed) changed();
  }

  return {
    /** Resumes pairs that were generating when the app stopped, then tops the queue up. */
    start(): void {
      resumed.push(...store.experiments.idsWithStatus('generating'));
      fill();
    },
    fill,
    /** Tops the queue up shortly, leaving the CPU to the pair being shown right now. */
    fillSoon(): void {
      if (!closing.signal.aborted) refill.soon();
    },
    /** The trainer answered a pair (rated or skipped): their pace sets how many pairs to keep ready. */
    answered(): void {
      pace.answered(scheduler.now());
    },
    /** Builds `size` pairs ahead (within every provider's limits) to rate offline; 0 cancels. */
    requestPack(mode: Mode, size: number): void {
      pack.request(mode, size, store.experiments.counts(mode));
      fill();
      changed();
    },
    state,
    pool,
    measured: () => pace.measured(),
    /** A pair for an upload or a chosen sample: goes to the front and resolves once generated. */
    async createNow(sourceSha256: string, mode: Mode, extra: { project_id?: string; site_visit_id?: string }) {
      // The trainer asked for this pair and waits for it: it needs only a provider that is not
      // paused or at its cap; a busy one takes it as its next job.
      let providers = pool.eligible(2);
      if (providers.length === 0) providers = deps.settings().enabled_providers.filter((p) => deps.providers.get(p)?.available() && !pool.holds().some((h) => h.provider === p));
      const experiment = createExperiment(sourceSha256, mode, store.experiments.topPriority() + 1, providers, extra);
      changed();
      await run(experiment, pool.startPair(experiment) ?? new Map());
      return store.experiments.get(experiment.id)!;
    },
    /** Resolves when a ready pair exists for `mode`, or after `ms`. */
    waitForReady(mode: Mode, ms: number): Promise<void> {
      if (ms <= 0 || store.experiments.queueHead(mode)) return Promise.resolve();
      return new Promise((resolve) => {
        let timedOut = false;
        const done = () => {
          if (!store.experiments.queueHead(mode) && !timedOut && !closing.signal.aborted) return;
          cancel();
          waiters.delete(done);
          resolve();
        };
        const cancel = scheduler.after(ms, () => {
          timedOut = true;
          done();
        });
        waiters.add(done);
      });
    },
    /** Stops: remote jobs are told to abort (providers cancel them where the API allows), then waited for. */
    async close(): Promise<void> {
      closing.abort();
      cancelWake?.();
      void refill.close();
      for (const wake of waiters) wake();
      await Promise.all([chain, ...running]);
    },
  };
}
export type Queue = ReturnType<typeof createQueue>;
