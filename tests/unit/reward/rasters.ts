import type { Raster } from '../../../core/reward/math/raster';

export const W = 256;
export const H = 192;

/** An RGB raster whose every pixel is `pixel(x, y)`. */
export function raster(pixel: (x: number, y: number) => [number, number, number], width = W, height = H): Raster {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 3);
  }
  return { width, height, channels: 3, data };
}

export const flat = (v: number) => raster(() => [v, v, v]);
export const checkerboard = (cell: number) => raster((x, y) => ((Math.floor(x / cell) + Math.floor(y / cell)) % 2 ? [255, 255, 255] : [0, 0, 0]));

/** Sinusoidal stripes whose intensity varies along direction `theta` with the given period in pixels. */
export function stripes(theta: number, period: number) {
  return raster((x, y) => {
    const v = Math.round(127.5 + 127.5 * Math.cos((2 * Math.PI * (x * Math.cos(theta) + y * Math.sin(theta))) / period));
    return [v, v, v];
  });
}
