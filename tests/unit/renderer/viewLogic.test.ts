import { describe, expect, it } from 'vitest';
import { clampPan, nextZoom, panBy, placement, scaleFor } from '../../../renderer/stores/viewLogic';
import { createViewStore } from '../../../renderer/stores/viewStore';

const viewport = { width: 800, height: 600 };
const natural = { width: 1600, height: 1200 };

describe('zoom in real pixels of the output', () => {
  it('cycles fit → 1:1 → 2× → 4× → fit', () => {
    expect([nextZoom('fit'), nextZoom(1), nextZoom(2), nextZoom(4)]).toEqual([1, 2, 4, 'fit']);
  });

  it('1:1 draws one output pixel on one device pixel, whatever the screen density', () => {
    expect(scaleFor(1, viewport, natural, 1)).toBe(1);
    expect(scaleFor(1, viewport, natural, 2)).toBe(0.5);
    expect(scaleFor(4, viewport, natural, 2)).toBe(2);
    // Fit: the whole 1600×1200 image in 800×600 is half size.
    expect(scaleFor('fit', viewport, natural, 1)).toBe(0.5);
  });
});

describe('pan', () => {
  it('keeps the viewport inside the image, and an axis that fits stays centred', () => {
    // At 1:1, 800 of 1600 px are visible: the centre may go from 0.25 to 0.75.
    expect(clampPan({ x: 0, y: 1 }, viewport, natural, 1)).toEqual({ x: 0.25, y: 0.75 });
    expect(clampPan({ x: 0.1, y: 0.9 }, viewport, natural, 0.5)).toEqual({ x: 0.5, y: 0.5 });
  });

  it('one step is a quarter of what is visible, so it moves as far on screen at every zoom', () => {
    const at1 = panBy({ x: 0.5, y: 0.5 }, 1, 0, viewport, natural, 1);
    const at2 = panBy({ x: 0.5, y: 0.5 }, 1, 0, viewport, natural, 2);
    expect(at1.x - 0.5).toBeCloseTo(0.125); // 0.25 × 800 / 1600
    expect(at2.x - 0.5).toBeCloseTo(0.0625);
    expect(panBy({ x: 0.5, y: 0.5 }, 0, -1, viewport, natural, 1).y).toBeCloseTo(0.5 - 0.25 * 0.5);
  });

  it('places the pan point at the centre of the viewport', () => {
    const at = placement(viewport, natural, 1, { x: 0.25, y: 0.5 });
    expect(at).toEqual({ width: 1600, height: 1200, left: 400 - 400, top: 300 - 600 });
  });
});

describe('view store', () => {
  it('pans only when zoomed, with the geometry the panes reported', () => {
    const view = createViewStore();
    view.getState().move(1, 0);
    expect(view.getState().pan).toEqual({ x: 0.5, y: 0.5 });
    view.getState().setGeometry({ viewport, natural, devicePixelRatio: 1 });
    view.getState().cycleZoom();
    view.getState().move(1, 0);
    expect(view.getState().pan.x).toBeCloseTo(0.625);
  });

  it('the same view key goes back to side by side; R turns flicker on by itself', () => {
    const view = createViewStore();
    view.getState().toggleView('split');
    expect(view.getState().view).toBe('split');
    view.getState().toggleView('split');
    expect(view.getState().view).toBe('side');
    view.getState().toggleAutoFlicker();
    expect([view.getState().view, view.getState().autoFlicker]).toEqual(['flicker', true]);
    view.getState().toggleAutoFlicker();
    expect(view.getState().autoFlicker).toBe(false);
    view.getState().moveSplit(-0.8);
    view.getState().moveSplit(-0.8);
    expect(view.getState().split).toBe(0);
  });
});

describe('view store: the mouse pans', () => {
  it('a drag moves the image with the pointer, in output pixels at the zoom in force', () => {
    const view = createViewStore();
    view.getState().setGeometry({ viewport, natural, devicePixelRatio: 1 });
    view.getState().drag(100, 0);
    expect(view.getState().pan).toEqual({ x: 0.5, y: 0.5 });
    view.getState().cycleZoom();
    // At 1:1 a 160 px drag to the right shows what was 160 output px to the left: 0.1 of 1600.
    view.getState().drag(160, 0);
    expect(view.getState().pan.x).toBeCloseTo(0.4);
  });
});
