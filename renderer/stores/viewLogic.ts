// The geometry of the comparison views, pure so it is tested without a browser: zoom levels in
// real pixels of the output, one shared pan point, and where an image sits in its viewport.

/** `fit` shows the whole image; the numbers are output pixels per screen pixel (1 = 1:1, real pixels). */
export type ZoomLevel = 'fit' | 1 | 2 | 4;
export const ZOOM_LEVELS: readonly ZoomLevel[] = ['fit', 1, 2, 4];

/** Side by side, one on top of the other switched in place, a split slider, or their difference. */
export type CompareView = 'side' | 'flicker' | 'split' | 'difference';

export interface Size {
  width: number;
  height: number;
}

/** The point of the image at the centre of the viewport, as fractions of its width and height. */
export interface PanPoint {
  x: number;
  y: number;
}

export const CENTRE: PanPoint = { x: 0.5, y: 0.5 };

export function nextZoom(level: ZoomLevel): ZoomLevel {
  return ZOOM_LEVELS[(ZOOM_LEVELS.indexOf(level) + 1) % ZOOM_LEVELS.length]!;
}

export function zoomLabel(level: ZoomLevel): string {
  return level === 'fit' ? 'Fit' : level === 1 ? '1:1' : `${level}×`;
}

/**
 * CSS pixels per output pixel. At 1:1 one output pixel is one device pixel, so on a screen with
 * devicePixelRatio 2 the image is drawn at half its CSS size; fit never enlarges past 1:1 either way.
 */
export function scaleFor(level: ZoomLevel, viewport: Size, natural: Size, devicePixelRatio: number): number {
  if (level !== 'fit') return level / devicePixelRatio;
  if (natural.width === 0 || natural.height === 0) return 1;
  return Math.min(viewport.width / natural.width, viewport.height / natural.height);
}

/** Moves the pan point by a share of what the viewport shows, so one press moves as far at every zoom. */
export function panBy(pan: PanPoint, dx: number, dy: number, viewport: Size, natural: Size, scale: number): PanPoint {
  const shown = { x: viewport.width / (natural.width * scale), y: viewport.height / (natural.height * scale) };
  return clampPan({ x: pan.x + dx * shown.x * 0.25, y: pan.y + dy * shown.y * 0.25 }, viewport, natural, scale);
}

/** Keeps the viewport inside the image; an axis that fits entirely stays centred. */
export function clampPan(pan: PanPoint, viewport: Size, natural: Size, scale: number): PanPoint {
  const axis = (value: number, view: number, size: number) => {
    const half = view / (2 * size * scale);
    if (!Number.isFinite(half) || half >= 0.5) return 0.5;
    return Math.min(1 - half, Math.max(half, value));
  };
  return { x: axis(pan.x, viewport.width, natural.width), y: axis(pan.y, viewport.height, natural.height) };
}

/** Where the image sits in its viewport: the same numbers for A and B, so both show the same spot. */
export function placement(viewport: Size, natural: Size, scale: number, pan: PanPoint) {
  const width = natural.width * scale;
  const height = natural.height * scale;
  const centre = clampPan(pan, viewport, natural, scale);
  return { width, height, left: viewport.width / 2 - centre.x * width, top: viewport.height / 2 - centre.y * height };
}
