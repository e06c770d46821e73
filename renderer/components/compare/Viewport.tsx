import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { stores, useView } from '../../app';
import { placement, scaleFor, type Size } from '../../stores/viewLogic';

/**
 * One image area. Every image inside is placed by the same zoom and pan numbers, so A and B, the
 * split halves and the difference line up pixel for pixel. `report` makes this viewport the one whose
 * size sets the pan step (one per screen is enough: they are all the same size).
 */
export function Viewport({ natural, report, className, children }: { natural: Size | null; report: boolean; className?: string; children: (style: CSSProperties | undefined) => ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<Size | null>(null);
  const zoom = useView((s) => s.zoom);
  const pan = useView((s) => s.pan);

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const observer = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (report && size !== null && natural !== null) {
      stores.view.getState().setGeometry({ viewport: size, natural, devicePixelRatio: window.devicePixelRatio || 1 });
    }
  }, [report, size, natural]);

  let style: CSSProperties | undefined;
  if (size !== null && natural !== null) {
    const scale = scaleFor(zoom, size, natural, window.devicePixelRatio || 1);
    const at = placement(size, natural, scale, pan);
    style = { position: 'absolute', left: at.left, top: at.top, width: at.width, height: at.height, maxWidth: 'none', objectFit: 'contain' };
  }
  // The mouse pans too: drag the image, or scroll (Shift+wheel sideways, as in most viewers).
  const view = stores.view.getState();
  const drag = useRef<{ x: number; y: number } | null>(null);
  return (
    <div
      className={`viewport ${className ?? ''}`}
      ref={box}
      data-zoom={zoom}
      onWheel={(event) => (event.shiftKey ? view.drag(-event.deltaY, 0) : view.drag(-event.deltaX, -event.deltaY))}
      onPointerDown={(event) => {
        if (zoom === 'fit') return;
        drag.current = { x: event.clientX, y: event.clientY };
        event.currentTarget.setPointerCapture(event.pointerId);
      }}
      onPointerMove={(event) => {
        if (drag.current === null) return;
        view.drag(event.clientX - drag.current.x, event.clientY - drag.current.y);
        drag.current = { x: event.clientX, y: event.clientY };
      }}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
    >
      {children(style)}
    </div>
  );
}

/** The natural size of the image that has loaded, for a Viewport to place it. */
export function naturalOf(event: React.SyntheticEvent<HTMLImageElement>): Size {
  const img = event.currentTarget;
  return { width: img.naturalWidth, height: img.naturalHeight };
}
