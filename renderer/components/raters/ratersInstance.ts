import { useStore } from 'zustand';
import { api } from '../../app';
import { createRatersStore, type RatersActions, type RatersState } from '../../stores/ratersStore';

/** The running app's rater-quality store, on the app's one client. */
export const ratersStore = createRatersStore(api);
export const useRaters = <T>(select: (s: RatersState & RatersActions) => T): T => useStore(ratersStore, select);
