import { useStore } from 'zustand';
import { api } from '../../app';
import { createChartsStore, type ChartsActions, type ChartsState } from '../../stores/chartsStore';

/** The running app's charts store, on the app's one client. */
export const chartsStore = createChartsStore(api);
export const useCharts = <T>(select: (s: ChartsState & ChartsActions) => T): T => useStore(chartsStore, select);
