import type { ApiClient, ExperimentView } from '../../core/api';
import { createHistoryStore, type HistoryStore } from './historyStore';
import { createSessionStore, selectMode, selectRaterId, type SessionStore } from './sessionStore';
import { createStatusStore, type StatusStore } from './statusStore';
import { createSyncStore, type SyncStore } from './syncStore';
import { createTrainStore, type TrainStore } from './trainStore';
import { createUiStore, type UiStore } from './uiStore';
import { createViewStore, type ViewStore } from './viewStore';
import { createKeysStore, localKeyStorage, type KeyStorage, type KeysStore } from './keysStore';

export interface AppStores {
  api: ApiClient;
  session: SessionStore;
  status: StatusStore;
  train: TrainStore;
  history: HistoryStore;
  ui: UiStore;
  view: ViewStore;
  keys: KeysStore;
  sync: SyncStore;
}

/** Builds the stores on one client and ties them together; the stores never reach for globals. */
export function createAppStores(
  api: ApiClient,
  now: () => Date = () => new Date(),
  preload: (upcoming: ExperimentView[]) => void = () => {},
  keyStorage: KeyStorage = localKeyStorage(),
): AppStores {
  const session = createSessionStore(api);
  const status = createStatusStore(api);
  const history = createHistoryStore(api);
  const ui = createUiStore();
  const mode = () => selectMode(session.getState());
  const train = createTrainStore({
    api,
    raterId: () => selectRaterId(session.getState()),
    mode,
    progressed: () => void status.getState().refresh(mode()),
    ratingSent: () => status.getState().ratingSent(),
    rated: (answer) => status.getState().rated(answer),
    queueSeen: (queue) => status.getState().setQueue(queue),
    preload,
    now,
  });
  return { api, session, status, train, history, ui, view: createViewStore(), keys: createKeysStore(keyStorage), sync: createSyncStore(api) };
}

/** Settings first (they say which mode), then status and the first pair. Also the "Try again". */
export async function loadFirstScreen(stores: AppStores): Promise<void> {
  await stores.session.getState().load();
  const mode = stores.session.getState().settings?.mode;
  if (mode === undefined) return;
  void stores.status.getState().refresh(mode);
  void stores.train.getState().loadNext();
}

/** Loads what the first screen needs and follows the host's events. Returns the unsubscriber. */
export function startApp(stores: AppStores): () => void {
  const { api, session, status, train, history, ui, sync } = stores;
  const offQueue = api.on('queueChanged', (queue) => train.getState().queueChanged(queue));
  const offStatus = api.on('statusChanged', (change) => {
    status.getState().statusChanged(change, session.getState().settings?.mode);
    if (ui.getState().page === 'history') void history.getState().load();
    // Without a server the host sends no sync status: the records kept here are asked for.
    if (sync.getState().status?.state === 'not_configured') void sync.getState().refresh();
  });
  // An evolution or a prompt decision moves the status line's next evolution, with no rating.
  const offPrompts = api.on('promptsChanged', () => {
    const mode = session.getState().settings?.mode;
    if (mode !== undefined) void status.getState().refresh(mode);
  });
  const offSync = api.on('syncStatus', (next) => sync.getState().statusChanged(next));
  const offSession = api.on('sessionChanged', (view) => session.getState().accessChanged(view));
  void sync.getState().refresh();
  void loadFirstScreen(stores);
  return () => {
    offQueue();
    offStatus();
    offPrompts();
    offSync();
    offSession();
  };
}
