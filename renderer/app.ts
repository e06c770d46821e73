import { useStore } from 'zustand';
import { createClient } from '../core/api';
import { createImagePreloader } from './preload';
import { createAppStores } from './stores';
import type { HistoryState, HistoryActions } from './stores/historyStore';
import type { SessionActions, SessionState } from './stores/sessionStore';
import type { StatusActions, StatusState } from './stores/statusStore';
import type { TrainActions, TrainState } from './stores/trainStore';
import type { SyncActions, SyncStoreState } from './stores/syncStore';
import type { UiActions, UiState } from './stores/uiStore';
import type { ViewActions, ViewState } from './stores/viewStore';
import type { KeysActions, KeysState } from './stores/keysStore';
import { selectTransport } from './transport';

// The running app's single client and stores. Components read them through these hooks; only
// main.tsx starts them.
const client = createClient(selectTransport());
export const stores = createAppStores(client, () => new Date(), createImagePreloader(client));
export const api = stores.api;

export const useSession = <T>(select: (s: SessionState & SessionActions) => T): T => useStore(stores.session, select);
export const useStatus = <T>(select: (s: StatusState & StatusActions) => T): T => useStore(stores.status, select);
export const useTrain = <T>(select: (s: TrainState & TrainActions) => T): T => useStore(stores.train, select);
export const useHistory = <T>(select: (s: HistoryState & HistoryActions) => T): T => useStore(stores.history, select);
export const useUi = <T>(select: (s: UiState & UiActions) => T): T => useStore(stores.ui, select);
export const useSync = <T>(select: (s: SyncStoreState & SyncActions) => T): T => useStore(stores.sync, select);
export const useView = <T>(select: (s: ViewState & ViewActions) => T): T => useStore(stores.view, select);
export const useKeys = <T>(select: (s: KeysState & KeysActions) => T): T => useStore(stores.keys, select);
