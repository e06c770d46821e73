import { describe, expect, it } from 'vitest';
import { sobolPoint } from '../../../core/optimizer/sobol';

describe('Sobol sequence', () => {
  it('starts with the known unscrambled points (Joe–Kuo directions, Gray-code order)', () => {
    // Reference: scipy.stats.qmc.Sobol(d=4, scramble=False).random(8), which uses the same table.
    const expected = [
      [0, 0, 0, 0],
      [0.5, 0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25, 0.25],
      [0.25, 0.75, 0.75, 0.75],
      [0.375, 0.375, 0.625, 0.875],
      [0.875, 0.875, 0.125, 0.375],
      [0.625, 0.125, 0.875, 0.625],
      [0.125, 0.625, 0.375, 0.125],
    ];
    expected.forEach((point, i) => expect(sobolPoint(i, 4, null)).toEqual(point));
  });

  it('keeps every 2^k prefix stratified after scrambling: one point per interval of width 2^−k', () => {
    for (const seed of [1, 12345, 0xdeadbeef]) {
      const points = Array.from({ length: 64 }, (_, i) => sobolPoint(i, 4, seed));
      for (let k = 1; k <= 6; k++) {
        const prefix = points.slice(0, 2 ** k);
        for (let d = 0; d < 4; d++) {
          const cells = new Set(prefix.map((p) => Math.floor(p[d]! * 2 ** k)));
          expect(cells.size).toBe(2 ** k);
        }
      }
    }
  });

  it('scrambles differently per seed, identically for the same seed, inside [0, 1)', () => {
    expect(sobolPoint(3, 4, 7)).toEqual(sobolPoint(3, 4, 7));
    expect(sobolPoint(3, 4, 7)).not.toEqual(sobolPoint(3, 4, 8));
    for (let i = 0; i < 256; i++) for (const u of sobolPoint(i, 4, 99)) expect(u >= 0 && u < 1).toBe(true);
  });

  it('refuses a dimension beyond its table', () => {
    expect(() => sobolPoint(0, 5, null)).toThrow(/dimension 4/);
  });
});
