import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import { ApiError, type CallName, type CallOutput, type EventName, type ProviderId, type Settings } from '../api';
import type { GenerationProvider, ProviderFactory } from '../generation';
import { createImageStore } from '../images';
import { createLearning, listenToRatings } from '../learning';
import { createPromptValidator, loadPromptLibrary, type PromptLibrary } from '../prompts';
import { createPrefilter, createQueue, type Scheduler } from '../queue';
import { realClock } from '../schedule';
import { openStore, type RatingsChange } from '../store';
import { createAdminSetup } from './admin';
import type { ServiceContext } from './context';
import { dispatch, type Handlers } from './dispatch';
import { createEmitter } from './events';
import { createExportService, type FileManager } from './export';
import { serverExportGap, serverExportOf } from './export-server';
import { createChartService } from './charts';
import { createRaterService } from './raters';
import { createPromptsSetup, LAST_VALID_CURRENT } from './prompts';
import { createProviderSetup } from './providers';
import { createMemorySecretStore, type SecretStore } from './secrets';
import { createSyncSetup, syncConfigOf } from './sync';
import { createRewardService, type RewardServiceDeps } from './reward';
import { readSettings, writeSettings } from './settings';
import { trainHandlers } from './train';

export { dispatch, type Handlers } from './dispatch';
export type { AccessGuard } from './access';
export { DEFAULT_SETTINGS } from './settings';
export { createMemorySecretStore, type SecretStore } from './secrets';
export type { FileManager } from './export';
export { syncConfigOf } from './sync';
export { serverExportOf, type ServerExportGap } from './export-server';

export interface ServiceOptions {
  /** Where the SQLite file, images and run-time prompt versions live. */
  dataDir: string;
  /** The bundled, read-only `prompts/` folder (schema.json, versions/). */
  promptsDir: string;
  /** The bundled `resources/samples/` folder (samples.json and the renders). */
  samplesDir: string;
  version: string;
  /** Seeds proposals and generation; by default drawn once per data dir and kept in settings. */
  seed?: number;
  now?: () => string;
  /** An Electron-built better-sqlite3 binding, when running inside Electron. */
  nativeBinding?: string;
  /** Adapters used as they are (tests); by default the local enhancer. */
  providers?: GenerationProvider[];
  /** Adapters built from the Providers settings and the stored key (the hosts pass the remote ones). */
  providerFactories?: Partial<Record<ProviderId, ProviderFactory>>;
  /** The time and timers of the work that runs later (queue refills, reward retraining and predictions, sync retries); the real ones by default. */
  scheduler?: Scheduler;
  log?: (message: string) => void;
  generationTimeoutMs?: number;
  /** Passwords and keys (the OS keychain in Electron, a 0600 file in the browser host). */
  secrets?: SecretStore;
  /** The bundled models/ folder (optional CLIP encoder); by default the `models` folder beside `promptsDir`, as both are bundled. */
  modelsDir?: string;
  /** Reward-model tuning for tests and benchmarks (ensemble options, readiness threshold, debounce). */
  /** How long an admin session stays open without an admin action; 30 minutes by default. */
  adminIdleMs?: number;
  reward?: Pick<RewardServiceDeps, 'ensemble' | 'pairwiseThreshold' | 'readyMinSamples' | 'retrainDebounceMs'>;
  /** Opens the system's file manager at a dataset (Electron's shell); without it, "Show in folder" answers with the path. */
  fileManager?: FileManager;
  /** Told of each step a ratings change ran (queue refill, reward retraining, prompt evolution, sync poke). */
  onAfterRatingsStep?: (step: string, change: RatingsChange) => void;
  /** Told how long each phase of a `train.rate` took, in ms (bench:rating-cost). */
  onRatePhases?: (phases: Record<string, number>) => void;
  /** Told once the reward model's predictions of waiting pairs are saved (no contract event: the pair's view reads them when shown). */
  onPredictionsSaved?: (modelId: string, options: number) => void;
}

interface SampleManifestEntry {
  id: string;
  name: string;
  file: string;
}

export async function createService(options: ServiceOptions) {
  const log = options.log ?? ((message: string) => console.error(`[latina] ${message}`));
  const now = options.now ?? (() => new Date().toISOString());
  mkdirSync(options.dataDir, { recursive: true });
  const store = openStore(join(options.dataDir, 'latina.sqlite'), { now, nativeBinding: options.nativeBinding, log });
  const images = createImageStore({ dataDir: options.dataDir });
  const emitter = createEmitter();
  const nextUlid = monotonicFactory();
  const newId = (prefix: string) => `${prefix}_${nextUlid().toLowerCase()}`;

  const seed = options.seed ?? store.settings.get('workstation_seed') ?? Math.floor(Math.random() * 2 ** 31);
  store.settings.set('workstation_seed', seed);

  const validate = createPromptValidator(join(options.promptsDir, 'schema.json'));
  const localVersionsDir = join(options.dataDir, 'prompts', 'versions');
  // A broken current.json falls back to the last version it named validly, which is remembered here.
  const loadLibrary = (): PromptLibrary => {
    const loaded = loadPromptLibrary(join(options.promptsDir, 'versions'), localVersionsDir, validate, store.settings.get(LAST_VALID_CURRENT) ?? null);
    if (!loaded.problems.some((p) => p.file === 'current.json')) store.settings.set(LAST_VALID_CURRENT, loaded.current);
    return loaded;
  };
  let library: PromptLibrary = loadLibrary();
  for (const problem of library.problems) log(`prompt file problem: ${problem.file}: ${problem.message}`);
  for (const loaded of library.versions.values()) {
    const v = loaded.version;
    store.prompts.upsert({
      version: v.version,
      origin: loaded.origin,
      file: loaded.file,
      parent_version: v.parent_version,
      created_at: v.created_at,
      created_by: v.created_by,
      sha256: loaded.sha256,
    });
  }

  let settings: Settings = readSettings(store);
  const statusChanged = (mode = settings.mode) => emitter.emit('statusChanged', { mode, samples_collected: store.ratings.samplesCollected(mode) });
  const secrets = options.secrets ?? createMemorySecretStore();
  const providerSetup = createProviderSetup({
    store,
    secrets,
    injected: options.providers,
    factories: options.providerFactories,
    settings: () => settings,
    writeSettings: (patch) => (settings = writeSettings(store, patch)),
    now,
  });
  const { providers } = providerSetup;
  // The optimizer's provider dimension covers the enabled providers that can generate (a key is stored, …).
  const usableProviders = () => {
    const usable = settings.enabled_providers.filter((id) => providers.get(id)?.available());
    return usable.length > 0 ? usable : settings.enabled_providers;
  };
  const learning = createLearning(store, seed, usableProviders);
  const clock = options.scheduler ?? realClock;
  const reward = createRewardService({
    ...options.reward,
    clock,
    store,
    dataDir: options.dataDir,
    modelsDir: options.modelsDir ?? join(options.promptsDir, '..', 'models'),
    imagePath: (sha) => images.pathOf(sha),
    newId,
    now,
    log,
    seed,
    // Training progress changes the status page only: it is no change of the ratings.
    onChange: () => statusChanged(),
    onPredicted: options.onPredictionsSaved,
  });

  const prompts = createPromptsSetup({
    store,
    secrets,
    dataDir: options.dataDir,
    promptsDir: options.promptsDir,
    validate,
    library: () => library,
    reload: () => {
      library = loadLibrary();
    },
    settings: () => settings,
    emitter,
    clock,
    newId,
    now,
    seed,
    log,
    refill: () => queue.fill(),
  });

  const samples: { id: string; name: string; sha256: string }[] = [];
  const manifestFile = join(options.samplesDir, 'samples.json');
  if (existsSync(manifestFile)) {
    for (const entry of JSON.parse(readFileSync(manifestFile, 'utf8')) as SampleManifestEntry[]) {
      try {
        const image = await images.ingest(readFileSync(join(options.samplesDir, entry.file)));
        store.images.recordSource(image, entry.name, entry.id);
        samples.push({ id: entry.id, name: entry.name, sha256: image.sha256 });
      } catch (error) {
        log(`sample ${entry.file} skipped: ${(error as Error).message}`);
      }
    }
  }

  const queue = createQueue({
    store,
    ingest: (bytes) => images.ingest(bytes),
    imagePath: (sha) => images.pathOf(sha),
    providers,
    proposer: learning.proposer,
    promptFor: prompts.promptFor,
    promptTest: prompts.testPair,
    onIndistinctTest: (experiment) => prompts.indistinctTestPair(experiment),
    settings: () => settings,
    newId,
    seed,
    onChange: (state) => emitter.emit('queueChanged', state),
    log,
    generationTimeoutMs: options.generationTimeoutMs,
    scheduler: clock,
    prefilter: createPrefilter({
      store,
      ready: () => reward.ready(),
      modelId: () => reward.modelId(),
      candidates: (provider) => settings.prefilter_candidates[provider],
      propose: (mode, count, pending) => learning.optimizerFor(mode).ask(count, pending).map((p) => p.point),
      predict: (candidates) => reward.predictBytes(candidates),
      ingest: (bytes) => images.ingest(bytes),
      log,
    }),
  });

  /** The run-time version files and current.json's time: what a pull can change in the library. */
  const librarySignature = (): string => {
    if (!existsSync(localVersionsDir)) return '';
    const names = readdirSync(localVersionsDir).sort();
    const current = statSync(join(localVersionsDir, 'current.json'), { throwIfNoEntry: false });
    return `${names.join(',')}|${current?.mtimeMs ?? 0}|${current?.size ?? 0}`;
  };
  let seenLibrary = librarySignature();
  const { sync, handlers: syncHandlers, serverAddress } = createSyncSetup({
    store,
    secrets,
    dataDir: options.dataDir,
    images,
    log,
    // Absent, the sync keeps its own real clock, whose waits keep no process alive.
    clock: options.scheduler,
    overlap: () => ({ share: settings.overlap_share, rater: settings.rater_id, mode: settings.mode }),
    // Copies of other trainers' pairs are ready to rate: the queue has grown without a provider.
    onOverlapCopies: () => emitter.emit('queueChanged', queue.state(settings.mode)),
    onStatus: (status) => {
      emitter.emit('syncStatus', status);
      // A pull may have brought prompt versions or moved current.json: reading a few files is cheap.
      // The sync reports after every rating too: reload only when the files changed. Pulled ratings
      // reach the learners through the store's ratings signal, below.
      if (status.state === 'idle') {
        const signature = librarySignature();
        if (signature !== seenLibrary) {
          seenLibrary = signature;
          library = loadLibrary();
        }
      }
    },
  });
  listenToRatings({
    store,
    steps: [
      { name: 'queue refill', run: () => queue.fillSoon() },
      { name: 'reward retraining', run: () => reward.onRatingsChanged() },
      // May finish a paired test or fire an evolution trigger.
      { name: 'prompt evolution', run: () => prompts.afterRatings() },
      // A local rating, undo or skip grew the outbox; a pulled page came from the sync itself.
      { name: 'sync poke', when: (change) => change.source !== 'pull', run: () => sync.poke() },
    ],
    currentMode: () => settings.mode,
    statusChanged: (payload) => emitter.emit('statusChanged', payload),
    queueChanged: () => emitter.emit('queueChanged', queue.state(settings.mode)),
    log,
    onStep: options.onAfterRatingsStep,
  });
  // New pairs in the queue get the reward model's predictions shortly after they are generated.
  emitter.subscribe('queueChanged', () => reward.onQueueChanged());

  const admin = createAdminSetup({
    store,
    now,
    settings: () => settings,
    serverAddress,
    serverOffline: () => sync.status().state === 'offline',
    onChange: (view) => emitter.emit('sessionChanged', view),
    idleMs: options.adminIdleMs,
  });

  const ctx: ServiceContext = {
    store,
    images,
    queue,
    learning,
    reward,
    emitter,
    prompts: () => library,
    promptEvolution: prompts.status,
    settings: () => settings,
    detailsShown: admin.detailsShown,
    newId,
    now,
    onRatePhases: options.onRatePhases,
  };

  const raters = createRaterService({
    store,
    seed,
    settings: () => settings,
    updateSettings: (patch) => (settings = writeSettings(store, patch)),
    // The optimizer reads the exclusion on its next call; the reward model is retrained without (or with) them.
    onExclusionChanged: () => {
      if (reward.modelId()) void reward.train().catch((error: Error) => log(`reward model retraining failed: ${error.message}`));
      // What counts for learning changed, as after a rating: the evolution triggers read it too.
      prompts.afterRatings();
      statusChanged();
    },
  });

  const datasetExport = createExportService({
    dataDir: options.dataDir,
    promptsDir: options.promptsDir,
    emitter,
    now,
    log,
    fileManager: options.fileManager,
    nativeBinding: options.nativeBinding,
    server: (prompts) => serverExportOf(store, secrets, prompts),
    serverGap: () => serverExportGap(syncConfigOf(store, secrets)),
  });

  const charts = createChartService({
    store,
    learning,
    mode: () => settings.mode,
    viewer: () => ({ admin: admin.guard.isAdmin(), rater: settings.rater_id }),
    promptsOverview: prompts.handlers['prompts.list'],
  });

  const handlers: Handlers = {
    'app.info': () => ({
      version: options.version,
      data_dir: options.dataDir,
      providers: [...providers.values()].map((p) => ({ id: p.id, label: p.label, available: p.available(), note: p.note })),
    }),
    'samples.list': () =>
      samples.map((s) => {
        const image = store.images.get(s.sha256)!;
        return { id: s.id, name: s.name, image: { sha256: image.sha256, width: image.width, height: image.height, mime: image.mime } };
      }),
    'settings.get': () => settings,
    'settings.update': (patch) => {
      for (const id of patch.enabled_providers ?? []) {
        if (!providers.has(id)) throw new ApiError('invalid_input', `Provider ${id} is not installed on this workstation.`);
      }
      providerSetup.checkSettingsPatch(patch);
      settings = writeSettings(store, patch);
      if (patch.providers) providerSetup.rebuild();
      queue.fill();
      emitter.emit('queueChanged', queue.state(settings.mode));
      return settings;
    },
    ...trainHandlers(ctx),
    ...syncHandlers,
    ...prompts.handlers,
    ...reward.handlers(),
    ...providerSetup.handlers(queue),
    ...raters.handlers,
    ...charts.handlers,
    ...admin.handlers,
    ...datasetExport.handlers,
  };

  queue.start();

  return {
    call<N extends CallName>(name: N, input: unknown): Promise<CallOutput<N>> {
      return dispatch(handlers, admin.guard, name, input) as Promise<CallOutput<N>>;
    },
    /** Untyped entry for transports that receive names from the wire; validates the name too. */
    invoke(name: unknown, input: unknown): Promise<unknown> {
      return dispatch(handlers, admin.guard, name, input);
    },
    subscribe(name: EventName, listener: (payload: unknown) => void): () => void {
      return emitter.subscribe(name, listener);
    },
    /** The file behind an image URL: only images this workstation stored, addressed by sha256. */
    async imageFile(sha256: string, variant: 'full' | 'thumb' = 'full'): Promise<{ path: string; mime: string } | null> {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
      const record = store.images.get(sha256);
      if (!record) return null;
      // An image pulled from another workstation arrives as a record first; its file on demand.
      const path = images.pathOf(sha256) ?? (await sync.fetchImage(sha256).catch(() => null));
      const mime = record.mime;
      if (!path) return null;
      if (variant === 'thumb') return { path: await images.thumbnailPath(sha256), mime: 'image/webp' };
      return { path, mime };
    },
    reloadPrompts(): void {
      library = loadLibrary();
    },
    store,
    async close(): Promise<void> {
      // A running export is cancelled, so no partial dataset outlives the app.
      await datasetExport.close();
      await sync.stop();
      await prompts.close();
      await queue.close();
      await reward.close();
      // The hyperparameter fit's worker thread; a running fit is dropped, the ratings are all in SQLite.
      await learning.close();
      store.close();
    },
  };
}
export type Service = Awaited<ReturnType<typeof createService>>;
