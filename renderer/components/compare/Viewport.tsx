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
  return (
    <div className={`viewport ${className ?? ''}`} ref={box} data-zoom={zoom}>
      {children(style)}
    </div>
  );
}

/** The natural size of the image that has loaded, for a Viewport to place it. */
export function naturalOf(event: React.SyntheticEvent<HTMLImageElement>): Size {
  const img = event.currentTarget;
  return { width: img.naturalWidth, height: img.naturalHeight };
}
