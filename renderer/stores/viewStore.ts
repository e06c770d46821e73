import { createStore, type StoreApi } from 'zustand/vanilla';
import { CENTRE, clampPan, nextZoom, panBy, scaleFor, type CompareView, type PanPoint, type Size, type ZoomLevel } from './viewLogic';

// How the pair is looked at: the comparison view, the shared zoom and pan, the split position, full
// screen. One state for both options, so A and B always show the same spot at the same scale.

export interface ViewGeometry {
  viewport: Size;
  natural: Size;
  devicePixelRatio: number;
}

export interface ViewState {
  view: CompareView;
  zoom: ZoomLevel;
  pan: PanPoint;
  /** Flicker switches A and B by itself at FLICKER_MS instead of following the focus. */
  autoFlicker: boolean;
  /** Share of the width that shows A in the split view. */
  split: number;
  fullscreen: boolean;
  /** The viewport and image the panes report, so a pan step is a share of what is visible. */
  geometry: ViewGeometry | null;
}

export interface ViewActions {
  cycleZoom(): void;
  move(dx: number, dy: number): void;
  /** Pans by screen pixels (a mouse drag or wheel): the image follows the pointer. */
  drag(dxPixels: number, dyPixels: number): void;
  /** The same key again goes back to side by side. */
  toggleView(view: Exclude<CompareView, 'side'>): void;
  toggleAutoFlicker(): void;
  moveSplit(delta: number): void;
  setSplit(share: number): void;
  toggleFullscreen(): void;
  exitFullscreen(): void;
  setGeometry(geometry: ViewGeometry): void;
}

export type ViewStore = StoreApi<ViewState & ViewActions>;

export const FLICKER_MS = 500;

const clampShare = (share: number) => Math.min(1, Math.max(0, share));

export function createViewStore(): ViewStore {
  return createStore<ViewState & ViewActions>()((set, get) => {
    const scale = (zoom: ZoomLevel, g: ViewGeometry) => scaleFor(zoom, g.viewport, g.natural, g.devicePixelRatio);
    return {
      view: 'side',
      zoom: 'fit',
      pan: CENTRE,
      autoFlicker: false,
      split: 0.5,
      fullscreen: false,
      geometry: null,

      cycleZoom: () => set((s) => ({ zoom: nextZoom(s.zoom) })),
      move(dx, dy) {
        const { geometry, zoom, pan } = get();
        if (geometry === null || zoom === 'fit') return;
        set({ pan: panBy(pan, dx, dy, geometry.viewport, geometry.natural, scale(zoom, geometry)) });
      },
      drag(dxPixels, dyPixels) {
        const { geometry, zoom, pan } = get();
        if (geometry === null || zoom === 'fit') return;
        const k = scale(zoom, geometry);
        const next = { x: pan.x - dxPixels / (geometry.natural.width * k), y: pan.y - dyPixels / (geometry.natural.height * k) };
        set({ pan: clampPan(next, geometry.viewport, geometry.natural, k) });
      },
      toggleView: (view) => set((s) => ({ view: s.view === view ? 'side' : view, autoFlicker: false })),
      toggleAutoFlicker: () => set((s) => ({ view: 'flicker', autoFlicker: !(s.view === 'flicker' && s.autoFlicker) })),
      moveSplit: (delta) => set((s) => ({ view: 'split', split: clampShare(s.split + delta) })),
      setSplit: (share) => set({ split: clampShare(share) }),
      toggleFullscreen: () => set((s) => ({ fullscreen: !s.fullscreen })),
      exitFullscreen: () => set({ fullscreen: false }),
      setGeometry(geometry) {
        const s = get();
        const same =
          s.geometry !== null &&
          s.geometry.viewport.width === geometry.viewport.width &&
          s.geometry.viewport.height === geometry.viewport.height &&
          s.geometry.natural.width === geometry.natural.width &&
          s.geometry.natural.height === geometry.natural.height &&
          s.geometry.devicePixelRatio === geometry.devicePixelRatio;
        if (same) return;
        set({ geometry, pan: s.zoom === 'fit' ? s.pan : clampPan(s.pan, geometry.viewport, geometry.natural, scale(s.zoom, geometry)) });
      },
    };
  });
}
