import { useEffect, useRef, type CSSProperties } from 'react';
import type { Size } from '../../stores/viewLogic';

/** How much a difference is brightened: small changes in texture and noise must become visible. */
export const DIFFERENCE_GAIN = 4;

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(`could not load ${src}`));
    img.src = src;
  });
}

function pixels(img: HTMLImageElement, size: Size): Uint8ClampedArray {
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d')!;
  context.drawImage(img, 0, 0, size.width, size.height);
  return context.getImageData(0, 0, size.width, size.height).data;
}

/**
 * |A − B| per channel, brightened, at the size of A's output (B is scaled to it when the two differ).
 * Black where the options agree; the brighter, the more they differ.
 */
export function DifferenceCanvas({ srcA, srcB, style, onSize }: { srcA: string; srcB: string; style: CSSProperties | undefined; onSize(size: Size): void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([loadImage(srcA), loadImage(srcB)]).then(([a, b]) => {
      const el = canvas.current;
      if (!live || el === null) return;
      const size = { width: a.naturalWidth, height: a.naturalHeight };
      const pa = pixels(a, size);
      const pb = pixels(b, size);
      el.width = size.width;
      el.height = size.height;
      const context = el.getContext('2d')!;
      const out = context.createImageData(size.width, size.height);
      for (let i = 0; i < pa.length; i += 4) {
        out.data[i] = Math.abs(pa[i]! - pb[i]!) * DIFFERENCE_GAIN;
        out.data[i + 1] = Math.abs(pa[i + 1]! - pb[i + 1]!) * DIFFERENCE_GAIN;
        out.data[i + 2] = Math.abs(pa[i + 2]! - pb[i + 2]!) * DIFFERENCE_GAIN;
        out.data[i + 3] = 255;
      }
      context.putImageData(out, 0, 0);
      onSize(size);
    });
    return () => {
      live = false;
    };
  }, [srcA, srcB, onSize]);
  return <canvas ref={canvas} className="difference" role="img" aria-label="Difference between A and B" style={style} />;
}
